package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odflash.chip.ChipTable;
import dev.odflash.emulator.EmulatedDrives;
import dev.odflash.transport.DataDirection;
import dev.odflash.transport.Device;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backup sidecar names the unit it came from, as freemkv keeps it with its per-unit dump: the
 * serial (GET CONFIGURATION feature 0x0108) and firmware date (0x010C) when the drive gives them
 * (docs/architecture.md "Contracts", backup sidecar), and neither key when it does not.
 */
class BackupSidecarUnitTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    @Test
    void anMt19xxBackupRecordsTheSerialAndFirmwareDateTheDriveReports() throws Exception {
        for (String unit : new String[] {"A", "B"}) {
            String spec = "emu:asus-bw16d1ht?unit=" + unit + "&image=" + dir.resolve(unit + ".bin");
            String serial = feature(spec, 0x0108);
            String date = feature(spec, 0x010C);
            Path out = dir.resolve("backup-" + unit + ".bin");
            CliRunner.Run r = new CliRunner(home).run("backup", "--device", spec, "-o", out.toString());
            assertThat(r.exitCode()).as(r.toString()).isZero();
            JsonNode drive = sidecar(out).path("drive");
            assertThat(serial).as("the emulated unit reports a serial").isNotEmpty();
            assertThat(drive.path("serial").asText()).isEqualTo(serial);
            // MMC-6 0x010C: century, year, month, day, hour, minute, second as ASCII digits
            assertThat(date).matches("\\d{14}");
            assertThat(drive.path("firmwareDate").asText()).isEqualTo(date.substring(0, 4) + "-" + date.substring(4, 6) + "-"
                    + date.substring(6, 8) + "T" + date.substring(8, 10) + ":" + date.substring(10, 12) + ":"
                    + date.substring(12, 14));
        }
        assertThat(sidecar(dir.resolve("backup-A.bin")).path("drive").path("serial").asText())
                .isNotEqualTo(sidecar(dir.resolve("backup-B.bin")).path("drive").path("serial").asText());
    }

    @Test
    void aDriveThatReportsNeitherGetsNeitherKey() throws Exception {
        Path out = dir.resolve("crw.bin");
        CliRunner.Run r = new CliRunner(home).run("backup", "--device", "emu:asus-crw-5224a", "-o", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode drive = sidecar(out).path("drive");
        assertThat(drive.path("vendor").asText()).isNotEmpty();
        assertThat(drive.has("serial")).as(drive.toString()).isFalse();
        assertThat(drive.has("firmwareDate")).as(drive.toString()).isFalse();
    }

    private static JsonNode sidecar(Path backup) throws Exception {
        Path json = backup.resolveSibling(backup.getFileName() + ".json");
        return new ObjectMapper().readTree(json.toFile());
    }

    /**
     * The feature's ASCII, asked for as FM asks ({@code 46 02 [feature BE16] 00 00 00 00 1C 00}) and decoded
     * here: an 8-byte header, then the descriptor (code, flags, additional length at byte 11, data from 12).
     */
    private static String feature(String spec, int code) throws Exception {
        try (Device d = EmulatedDrives.open(spec, ChipTable.builtIn()); Arena arena = Arena.ofConfined()) {
            byte[] cdb = {0x46, 0x02, (byte) (code >> 8), (byte) code, 0, 0, 0, 0, 0x1C, 0};
            MemorySegment buffer = arena.allocate(0x1C);
            ScsiResult r = d.scsi().execute(new ScsiRequest(cdb, DataDirection.IN, buffer, Duration.ofSeconds(10)));
            assertThat(r.isGood()).isTrue();
            byte[] data = buffer.toArray(ValueLayout.JAVA_BYTE);
            int length = Math.min(data[11] & 0xFF, 0x1C - 12);
            assertThat((data[8] & 0xFF) << 8 | data[9] & 0xFF).isEqualTo(code);
            return new String(data, 12, length, StandardCharsets.US_ASCII).replace("\0", "").strip();
        }
    }
}
