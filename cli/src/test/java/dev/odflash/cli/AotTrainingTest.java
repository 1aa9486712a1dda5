package dev.odflash.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/** The AOT cache's training run (issue 18): every command in it succeeds and it writes only inside its directory. */
class AotTrainingTest {
    @TempDir
    Path work;

    @Test
    void everyTrainingRunSucceedsInsideItsDirectory() throws Exception {
        assertThat(AotTraining.train(work)).isEmpty();
        assertThat(work.resolve("1.10.bin")).isRegularFile();
        assertThat(Files.list(work.resolve("demo")).count()).isPositive();
    }
}
