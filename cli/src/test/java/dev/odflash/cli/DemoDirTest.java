package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** demo --dir follows the -o rule: it creates DIR itself, never the parents of it (a missing parent is exit 2). */
class DemoDirTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    @Test
    void aMissingParentIsAUsageErrorAndNothingIsCreated() {
        Path missing = dir.resolve("no-such-parent");
        CliRunner.Run r = new CliRunner(home).run("demo", "--dir", missing.resolve("work").toString(), "--quiet");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(missing.toString()).contains("does not exist");
        assertThat(missing).doesNotExist();
    }

    @Test
    void anExistingParentGetsTheNewDirectory() {
        Path work = dir.resolve("work");
        CliRunner.Run r = new CliRunner(home).run("demo", "--dir", work.toString(), "--quiet");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.isDirectory(work)).isTrue();
    }
}
