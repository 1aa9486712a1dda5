package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odflash.emulator.EmulatorProfiles;
import dev.odflash.emulator.download.DownloadFirmware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host path's transfer limit (`maxxfer=`, a USB bridge's) is honoured whatever the transport: reads are
 * split to the limit; what cannot be split is refused before it is sent, and the message names the host
 * path's limit, not the drive.
 */
class HostTransferLimitTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    @Test
    void aReadLargerThanTheLimitIsSplitAndTheBackupIsWhole() throws Exception {
        Path out = dir.resolve("b.bin");
        Path trace = dir.resolve("t.jsonl");
        CliRunner.Run r = new CliRunner(home).run("backup", "--device", "emu:asus-bw16d1ht?maxxfer=4096", "-o",
                out.toString(), "--trace", trace.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(DownloadFirmware.unitFlash(EmulatorProfiles.ASUS_BW16D1HT,
                EmulatorProfiles.ASUS_BW16D1HT.defaultVersion(), "1"));
        List<Long> readBuffers = new ArrayList<>();
        for (String line : Files.readAllLines(trace)) {
            JsonNode n = new ObjectMapper().readTree(line);
            if (n.path("cdb").asText("").startsWith("3c")) {
                readBuffers.add(n.path("len").asLong());
            }
        }
        assertThat(readBuffers).isNotEmpty().allMatch(len -> len <= 4096);
    }

    @Test
    void aDownloadBlockLargerThanTheLimitNamesTheHostPath() throws Exception {
        Path v = DownloadRuns.image(dir, "tsst-ts-h353c", "SB02");
        CliRunner.Run r = new CliRunner(home).run("flash", "--device", "emu:tsst-ts-h353c?maxxfer=4096", v.toString(),
                "--yes", "--without-backup");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("the host path").contains("at most 4096 bytes a command")
                .doesNotContain("the drive stopped answering");
    }

    @Test
    void aCommandThatCannotBeSplitIsRefusedNamingTheLimit() {
        CliRunner.Run r = new CliRunner(home).run("info", "--device", "emu:asus-bw16d1ht?maxxfer=512");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("host path").contains("at most 512 bytes").doesNotContain("did not answer");
    }
}
