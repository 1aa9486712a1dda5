package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The campaigns read the emulator's counters from its JSON document: a flash that fails still leaves
 * them, and a missing or garbled document fails the reader instead of reading 0.
 */
class EmulatorCountersFileTest {
    @TempDir
    Path dir;

    @Test
    void aFailedFlashStillLeavesTheCountersAndTheyCountWhatReachedTheChip() {
        Path flash = FlashFixtures.write(dir, "flash.bin", FlashFixtures.image("1.10"));
        Path target = FlashFixtures.write(dir, "1.20.bin", FlashFixtures.image("1.20"));
        Path stats = dir.resolve("stats.json");
        CliRunner.Run cut = new CliRunner(dir.resolve("home")).run("flash", "--device", "emu:asus-crw-5224a?image=" + flash
                + "&fault=powerloss@erase:5,seed=7&stats=" + stats, target.toString(), "--yes", "--quiet", "--json");
        assertThat(cut.exitCode()).as(cut.toString()).isEqualTo(3);
        assertThat(EmulatorCountersFile.counter(stats, "eraseCalls")).isEqualTo(5);
        assertThat(EmulatorCountersFile.counter(stats, "erases")).as("the fifth was cut").isEqualTo(4);
        assertThat(EmulatorCountersFile.counter(stats, "violations")).isZero();
    }

    @Test
    void aMissingGarbledOrIncompleteDocumentFailsTheReader() throws IOException {
        assertThatThrownBy(() -> EmulatorCountersFile.counter(dir.resolve("none.json"), "violations"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("were not written");
        Path garbled = Files.writeString(dir.resolve("garbled.json"), "12 write-model violations");
        assertThatThrownBy(() -> EmulatorCountersFile.counter(garbled, "violations"))
                .isInstanceOf(AssertionError.class);
        Path other = Files.writeString(dir.resolve("other.json"), "{\"violations\": 0}");
        assertThatThrownBy(() -> EmulatorCountersFile.counter(other, "violations"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("not an odflash-emulator-stats/1 document");
        Path noField = Files.writeString(dir.resolve("nofield.json"), "{\"format\": \"odflash-emulator-stats/1\"}");
        assertThatThrownBy(() -> EmulatorCountersFile.counter(noField, "violations"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("'violations' is missing");
        Path text = Files.writeString(dir.resolve("text.json"),
                "{\"format\": \"odflash-emulator-stats/1\", \"violations\": \"none\"}");
        assertThatThrownBy(() -> EmulatorCountersFile.counter(text, "violations"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("not a whole number");
    }
}
