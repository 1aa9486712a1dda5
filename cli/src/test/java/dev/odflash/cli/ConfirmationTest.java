package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/** The interactive confirmation: it shows drive, versions and plan; only "yes" flashes. */
class ConfirmationTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    private int run(String answer, ByteArrayOutputStream err, String... args) {
        Terminal t = new Terminal(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)), true);
        return Cli.run(args, t, Map.of("ODFLASH_HOME", home.toString(), "HOME", home.toString()));
    }

    @Test
    void answeringNoWritesNothingAndYesFlashes() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        Path trace = dir.resolve("no.jsonl");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int no = run("no\n", err, "flash", "--device", "emu:asus-crw-5224a?image=" + flash, v120.toString(), "--quiet",
                "--trace", trace.toString());
        String shown = err.toString(StandardCharsets.UTF_8);
        assertThat(no).isEqualTo(4);
        assertThat(shown).contains("ASUS CRW-5224A").contains("1.10 -> 1.20").contains("erases").contains("Type yes");
        assertThat(FlashFixtures.noWriteCommand(trace)).isTrue();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.10"));

        int yes = run("yes\n", new ByteArrayOutputStream(), "flash", "--device", "emu:asus-crw-5224a?image=" + flash,
                v120.toString(), "--quiet");
        assertThat(yes).isZero();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.20"));
    }

    /** A download family's prompt is the same pipeline's: the drive, the versions, the family and the size streamed. */
    @Test
    void aDownloadFamilyIsAskedTooAndNoDownloadIsSentOnNo() throws Exception {
        Path image = DownloadRuns.image(dir, "tsst-ts-h353c", "SB02");
        Path trace = dir.resolve("tsst.jsonl");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int no = run("no\n", err, "flash", "--device", "emu:tsst-ts-h353c", image.toString(), "--without-backup",
                "--quiet", "--trace", trace.toString());
        String shown = err.toString(StandardCharsets.UTF_8);
        assertThat(no).isEqualTo(4);
        assertThat(shown).contains("TSSTcorp DVD-ROM TS-H353C emu:tsst-ts-h353c: SB01 -> SB02 by tsst download (256 KiB)")
                .contains("Type yes");
        assertThat(GoldenTraceTest.downloadCommands(trace)).noneMatch(c -> c.startsWith("ff"));
    }
}
