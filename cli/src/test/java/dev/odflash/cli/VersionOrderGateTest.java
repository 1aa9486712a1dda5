package dev.odflash.cli;

import dev.odflash.emulator.EmulatorProfiles;
import dev.odflash.emulator.download.DownloadFirmware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.noWriteCommand;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 §3: letter revisions on either side. A pair the tool cannot order is refused unless
 * --allow-older is given; an ordered letter downgrade needs --allow-older too; the emulator sees
 * no write on a refusal.
 */
class VersionOrderGateTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    /** The image with the INQUIRY template's revision (vendor 8, product 16, revision 4) rewritten. */
    static byte[] relabel(byte[] image, String vendor, String product, String from, String to) {
        byte[] id = String.format("%-8s%-16s%s", vendor, product, from).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + id.length <= image.length; i++) {
            if (java.util.Arrays.equals(image, i, i + id.length, id, 0, id.length)) {
                byte[] out = image.clone();
                System.arraycopy(to.getBytes(StandardCharsets.US_ASCII), 0, out, i + 24, 4);
                return out;
            }
        }
        throw new AssertionError("no INQUIRY template for " + from);
    }

    private static byte[] mtk(String version, String label) {
        return relabel(image(version), "ASUS", "CRW-5224A", version, label);
    }

    private CliRunner.Run chipFlash(Path drive, Path img, String... extra) throws IOException {
        Path trace = dir.resolve("t" + System.nanoTime() + ".jsonl");
        byte[] before = Files.readAllBytes(drive);
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("flash", "--device",
                "emu:asus-crw-5224a?image=" + drive, img.toString(), "--yes", "--trace", trace.toString()),
                java.util.Arrays.stream(extra)).toArray(String[]::new);
        CliRunner.Run r = new CliRunner(home).run(args);
        if (r.exitCode() == 4) {
            assertThat(noWriteCommand(trace)).as("the emulator saw no erase or program").isTrue();
            assertThat(Files.readAllBytes(drive)).isEqualTo(before);
        }
        return r;
    }

    @Test
    void aLetterRevisionAfterADottedOneCannotBeOrderedAndIsRefused() throws IOException {
        Path drive = write(dir, "flash.bin", image("1.10"));
        Path img = write(dir, "1.0B.bin", mtk("1.20", "1.0B"));
        CliRunner.Run r = chipFlash(drive, img);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("gate version").contains("cannot be ordered").contains("--allow-older")
                .doesNotContain("Exception");
        CliRunner.Run allowed = chipFlash(drive, img, "--allow-older");
        assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
        assertThat(Files.readAllBytes(drive)).isEqualTo(mtk("1.20", "1.0B"));
    }

    @Test
    void aDottedRevisionAfterALetterOneCannotBeOrderedEither() throws IOException {
        Path drive = write(dir, "flash.bin", mtk("1.10", "1.0B"));
        Path img = write(dir, "1.20.bin", image("1.20"));
        CliRunner.Run r = chipFlash(drive, img);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("cannot be ordered");
    }

    @Test
    void liteOnStyleCodesAreOrderedSoTheirDowngradeNeedsAllowOlder() throws IOException {
        Path drive = write(dir, "flash.bin", mtk("1.10", "GS0K"));
        Path older = write(dir, "GS0J.bin", mtk("1.20", "GS0J"));
        CliRunner.Run r = chipFlash(drive, older);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("older").contains("--allow-older");
        Path newer = write(dir, "GS0L.bin", mtk("1.20", "GS0L"));
        CliRunner.Run up = chipFlash(drive, newer);
        assertThat(up.exitCode()).as(up.toString()).isZero();
    }

    @Test
    void theDownloadPipelineRefusesAnUnorderedPairAndALetterDowngrade() throws IOException {
        var profile = EmulatorProfiles.byName("tsst-ts-h353c").orElseThrow();
        byte[] sb01 = DownloadFirmware.image(profile, "SB01");
        byte[] sb02 = DownloadFirmware.image(profile, "SB02");
        Path drive = write(dir, "tsst.bin", relabel(sb01, profile.vendor(), profile.product(), "SB01", "SB0K"));
        for (String[] c : new String[][] {{"SB0J", "older"}, {"1.0B", "cannot be ordered"}}) {
            Path img = write(dir, c[0] + ".bin", relabel(sb02, profile.vendor(), profile.product(), "SB02", c[0]));
            Path trace = dir.resolve("d" + System.nanoTime() + ".jsonl");
            byte[] before = Files.readAllBytes(drive);
            CliRunner.Run r = new CliRunner(home).run("flash", "--device", "emu:tsst-ts-h353c?image=" + drive,
                    img.toString(), "--yes", "--without-backup", "--trace", trace.toString());
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
            assertThat(r.err()).contains(c[1]).contains("--allow-older");
            assertThat(GoldenTraceTest.downloadCommands(trace)).noneMatch(x -> x.startsWith("3b") || x.startsWith("ff"));
            assertThat(Files.readAllBytes(drive)).isEqualTo(before);
        }
    }
}
