package dev.odflash.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odflash.chip.ChipTable;
import dev.odflash.emulator.mtk8051.Mtk8051Drive;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.ChipStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code ?stats=FILE}: the drive's counters as JSON, written when it closes; never through a link. */
class EmulatorStatsTest {
    @TempDir
    Path dir;

    @Test
    void theCountersOfARunAreWrittenOnCloseAndAStaleFileIsRemovedAtOpen() throws Exception {
        Path stats = dir.resolve("stats.json");
        Files.writeString(stats, "{\"violations\": 99}");
        Mtk8051Drive drive = (Mtk8051Drive) EmulatedDrives.open("emu:asus-crw-5224a?stats=" + stats, ChipTable.builtIn());
        assertThat(stats).as("the previous run's counters are gone at open").doesNotExist();
        try (drive) {
            ChipChannel c = RegisterChannel.of(drive);
            c.enter();
            assertThat(c.erase(0x10000, 4096)).isEqualTo(ChipStatus.READY);
            byte[] twice = {0x12, 0x34};
            c.program(0x10000, twice, 0, 2);
            c.program(0x10000, twice, 0, 2); // programmed again without an erase: a violation per byte (byte model)
            c.leave();
        }
        JsonNode n = new ObjectMapper().readTree(stats.toFile());
        assertThat(n.path("format").asText()).isEqualTo("odflash-emulator-stats/1");
        assertThat(n.path("profile").asText()).isEqualTo("asus-crw-5224a");
        assertThat(n.path("chip").asText()).isEqualTo("SST39SF040");
        assertThat(n.path("erases").asLong()).isEqualTo(1);
        // the register-level drive programs one byte per JEDEC program sequence: 2 bytes, then the second call's
        // first byte breaks the write model (its cell reads undefined), and the test host stops there
        assertThat(n.path("programs").asLong()).isEqualTo(3);
        assertThat(n.path("violations").asLong()).isEqualTo(1);
        assertThat(n.path("writeCommands").asLong()).isEqualTo(4);
        assertThat(n.path("wornFailures").isNumber()).isTrue();
    }

    @Test
    void aWornBlockFailsEveryEraseAndProgramAndIsCounted() throws Exception {
        Path stats = dir.resolve("worn.json");
        try (Mtk8051Drive drive = (Mtk8051Drive) EmulatedDrives.open("emu:asus-crw-5224a?fault=worn:0x10800&stats=" + stats,
                ChipTable.builtIn())) {
            ChipChannel c = RegisterChannel.of(drive);
            c.enter();
            byte[] before = drive.chipModel().contents();
            assertThat(c.erase(0x10000, 4096).lastOperationFailed()).isTrue();
            assertThat(c.program(0x10800, new byte[] {0}, 0, 1).lastOperationFailed()).isTrue();
            assertThat(c.erase(0x11000, 4096)).as("the next sector is sound").isEqualTo(ChipStatus.READY);
            assertThat(java.util.Arrays.equals(drive.chipModel().contents(), 0, 0x11000, before, 0, 0x11000)).isTrue();
            c.leave();
        }
        assertThat(new ObjectMapper().readTree(stats.toFile()).path("wornFailures").asLong()).isEqualTo(2);
    }

    @Test
    void aLinkOrDirectoryAtTheStatsPathIsAUsageErrorAndIsNotFollowed() throws Exception {
        Path target = Files.writeString(dir.resolve("victim.txt"), "keep");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), target);
        assertThatThrownBy(() -> EmulatedDrives.open("emu:asus-crw-5224a?stats=" + link, ChipTable.builtIn()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a regular file");
        assertThatThrownBy(() -> EmulatedDrives.open("emu:asus-crw-5224a?stats=" + dir, ChipTable.builtIn()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.readString(target)).isEqualTo("keep");
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }
}
