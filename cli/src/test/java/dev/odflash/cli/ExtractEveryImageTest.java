package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.odflash.emulator.firmware.Mtk8051Firmware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `extract` offers every image an updater holds: images laid end to end are split at image boundaries;
 * running it again over the same output is "already there" (exit 0); an output with other content is
 * refused (exit 4) and left as it was.
 */
class ExtractEveryImageTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] image(String product, String version, int size) {
        return Mtk8051Firmware.generate("ASUS", product, version, size);
    }

    @Test
    void twoImagesEndToEndAreTwoImages() throws Exception {
        byte[] a = image("CRW-5224A", "1.10", 0x80000);
        byte[] b = image("CRW-5232A", "1.20", 0x80000);
        Path exe = Files.write(dir.resolve("two.exe"), CraftedPe.withOverlay(concat(a, b)));
        CliRunner.Run r = new CliRunner(home).run("extract", exe.toString(), "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<byte[]> written = new ArrayList<>();
        for (JsonNode w : r.json().path("written")) {
            written.add(Files.readAllBytes(Path.of(w.path("path").asText())));
        }
        assertThat(written).as(r.toString()).hasSize(2);
        assertThat(written).anySatisfy(w -> assertThat(w).isEqualTo(a)).anySatisfy(w -> assertThat(w).isEqualTo(b));
        assertThat(written).noneMatch(w -> w.length == 0x100000);
    }

    /** One image of 1 MiB (one identity) stays one image. */
    @Test
    void oneLargeImageIsNotSplit() throws Exception {
        byte[] one = image("CRW-5224A", "1.10", 0x100000);
        Path exe = Files.write(dir.resolve("one.exe"), CraftedPe.withOverlay(one));
        CliRunner.Run r = new CliRunner(home).run("extract", exe.toString(), "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("written")).hasSize(1);
        assertThat(Files.readAllBytes(Path.of(r.json().path("written").get(0).path("path").asText()))).isEqualTo(one);
    }

    @Test
    void theSameOutputAgainIsAlreadyThereAndOtherContentIsRefused() throws Exception {
        byte[] a = image("CRW-5224A", "1.10", 0x20000);
        Path exe = Files.write(dir.resolve("u.exe"), CraftedPe.withOverlay(a));
        Path out = dir.resolve("out");
        CliRunner cli = new CliRunner(home);
        CliRunner.Run first = cli.run("extract", exe.toString(), "-o", out.toString(), "--json");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        Path target = Path.of(first.json().path("written").get(0).path("path").asText());
        long modified = Files.getLastModifiedTime(target).toMillis();

        CliRunner.Run again = cli.run("extract", exe.toString(), "-o", out.toString(), "--json");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.json().path("written").get(0).path("alreadyThere").asBoolean()).isTrue();
        assertThat(Files.getLastModifiedTime(target).toMillis()).isEqualTo(modified);

        byte[] other = a.clone();
        other[0x9000] ^= 1;
        Files.write(target, other);
        CliRunner.Run differs = cli.run("extract", exe.toString(), "-o", out.toString());
        assertThat(differs.exitCode()).as(differs.toString()).isEqualTo(4);
        assertThat(differs.err()).contains("exists with other content");
        assertThat(Files.readAllBytes(target)).isEqualTo(other);
    }
}
