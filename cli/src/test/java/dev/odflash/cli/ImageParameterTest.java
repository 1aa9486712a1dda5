package dev.odflash.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@code ?image=} (or {@code stats=}) path that cannot work is a usage error (exit 2) said before any
 * work: nothing read, nothing written, no backup filed, and the message says what is wrong with the path.
 */
class ImageParameterTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    private CliRunner.Run flash(String spec) {
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        return new CliRunner(home).run("flash", "--device", spec, v120.toString(), "--yes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"asus-crw-5224a", "asus-bw16d1ht"})
    void aMissingDirectoryIsExit2BeforeAnyWork(String profile) throws Exception {
        Path missing = dir.resolve("missing").resolve("x.bin");
        CliRunner.Run r = flash("emu:" + profile + "?image=" + missing);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("the directory " + missing.getParent() + " does not exist")
                .doesNotContain("internal error").doesNotContain("read pass");
        assertThat(Files.exists(home.resolve("backups"))).isFalse();
    }

    @Test
    void aLiteralTildeIsExit2AndSaysSo() {
        CliRunner.Run r = flash("emu:asus-crw-5224a?image=~/odflash-test-drive.bin");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("~").contains("not expanded").contains("$HOME/odflash-test-drive.bin");
        assertThat(Files.exists(Path.of("~"))).isFalse();
    }

    @Test
    void aStatsFileInAMissingDirectoryIsExit2Too() {
        CliRunner.Run r = new CliRunner(home).run("info", "--device", "emu:asus-crw-5224a?stats="
                + dir.resolve("nope").resolve("s.json"));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("stats=").contains("does not exist");
    }

    @Test
    void anUnwritableDirectoryIsExit2() throws Exception {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        assertThat(ro.toFile().setWritable(false, false)).isTrue();
        try {
            Assumptions.assumeFalse(Files.isWritable(ro), "running as root: every directory is writable");
            CliRunner.Run r = flash("emu:asus-crw-5224a?image=" + ro.resolve("x.bin"));
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).contains("not writable");
        } finally {
            ro.toFile().setWritable(true);
        }
    }

    /** A path that works still works: the file is created holding the default firmware. */
    @Test
    void aGoodPathIsCreated() {
        Path f = dir.resolve("new.bin");
        CliRunner.Run r = new CliRunner(home).run("info", "--device", "emu:asus-crw-5224a?image=" + f);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(f).exists();
    }
}
