package dev.odflash.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sidecar's {@code coverage} (docs/architecture.md "Contracts"): a sidecar without it is a full backup
 * (written before the field), {@code regions} is read as such, any other word is damage; and a regions
 * sidecar is never vouched for as a backup of the whole flash ({@code flash --backup}).
 */
class BackupSidecarCoverageTest {
    @TempDir
    Path dir;

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** A backup FILE with a hand-written sidecar; {@code coverage} null leaves the field out. */
    private Path backup(String name, byte[] content, String coverage) throws Exception {
        Path file = Files.write(dir.resolve(name), content);
        String cov = coverage == null ? "" : ", \"coverage\": \"" + coverage + "\"";
        Files.writeString(dir.resolve(name + ".json"), "{\"sha256\": \"" + sha256(content) + "\", \"size\": "
                + content.length + ", \"state\": \"complete\", \"drive\": {\"revision\": \"3.01\"}" + cov + "}",
                StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aSidecarWithoutCoverageIsAFullBackupAndRegionsIsReadAsRegions() throws Exception {
        byte[] content = new byte[64];
        assertThat(BackupFiles.readSidecar(BackupSidecar.pathFor(backup("old.bin", content, null))).coverage())
                .isEqualTo(BackupCoverage.FULL);
        assertThat(BackupFiles.readSidecar(BackupSidecar.pathFor(backup("full.bin", content, "full"))).coverage())
                .isEqualTo(BackupCoverage.FULL);
        assertThat(BackupFiles.readSidecar(BackupSidecar.pathFor(backup("reg.bin", content, "regions"))).coverage())
                .isEqualTo(BackupCoverage.REGIONS);
    }

    @Test
    void anUnknownCoverageIsADamagedSidecarNeverAFullOne() throws Exception {
        Path file = backup("odd.bin", new byte[64], "partial");
        assertThatThrownBy(() -> BackupFiles.readSidecar(BackupSidecar.pathFor(file))).isInstanceOf(IOException.class)
                .hasMessageContaining("coverage");
        assertThatThrownBy(() -> BackupFiles.checkVouched(file)).isInstanceOf(OdflashException.class)
                .satisfies(e -> assertThat(((OdflashException) e).failure()).isInstanceOf(Failure.Refusal.class));
    }

    @Test
    void aRegionsSidecarNeverVouchesAsAFullBackup() throws Exception {
        Path file = backup("reg.bin", new byte[0x10120], "regions");
        assertThatThrownBy(() -> BackupFiles.checkVouched(file)).isInstanceOf(OdflashException.class)
                .satisfies(e -> {
                    Failure f = ((OdflashException) e).failure();
                    assertThat(f).isInstanceOf(Failure.Refusal.class);
                    assertThat(((Failure.Refusal) f).gate()).isEqualTo(Gate.BACKUP_FILE);
                    assertThat(f.reason()).contains("regions-only backup");
                });
        BackupFiles.checkVouched(backup("full.bin", new byte[64], "full")); // a full one with the same rules passes
    }

    private static DriveInfo info() {
        return new DriveInfo("emu:x", new dev.odflash.protocol.InquiryData(5, true, 0, "ASUS", "BW-16D1HT", "3.01", "",
                new byte[0]), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), true,
                java.util.List.of(), java.util.List.of(), java.util.Optional.empty());
    }

    @Test
    void aRegionsReadBecomesTheRegionsInFileOrderWithTheirHashes() throws Exception {
        byte[] config = new byte[0x20];
        byte[] page = new byte[0x100];
        byte[] calibration = new byte[0x10000];
        config[0] = 1;
        page[0] = 2;
        calibration[0] = 3;
        RegionsRead read = new RegionsRead(java.util.List.of(new RegionsRead.Region(0x3000, config, true),
                new RegionsRead.Region(0x1EC000, page, false), new RegionsRead.Region(0x1F0000, calibration, true)),
                2, java.time.Duration.ZERO);
        byte[] file = read.bytes();
        assertThat(file).hasSize(0x20 + 0x100 + 0x10000);
        assertThat(file[0]).isEqualTo((byte) 1);
        assertThat(file[0x20]).isEqualTo((byte) 2);
        assertThat(file[0x120]).isEqualTo((byte) 3);
        assertThat(read.asRead().sha256()).isEqualTo(sha256(file));
        JsonNode json = new ObjectMapper().readTree(BackupSidecar.bytes(
                BackupSidecar.ofRegions(info(), read, BackupState.COMPLETE, java.time.Instant.EPOCH)));
        assertThat(json.path("coverage").asText()).isEqualTo("regions");
        assertThat(json.path("size").asLong()).isEqualTo(file.length);
        assertThat(json.path("regions").get(0).path("offset").asLong()).isEqualTo(0x3000);
        assertThat(json.path("regions").get(1).path("length").asLong()).isEqualTo(0x100);
        assertThat(json.path("regions").get(2).path("sha256").asText()).isEqualTo(sha256(calibration));
        JsonNode full = new ObjectMapper().readTree(BackupSidecar.bytes(
                BackupSidecar.of(info(), read.asRead(), BackupState.COMPLETE, java.time.Instant.EPOCH)));
        assertThat(full.path("coverage").asText()).isEqualTo("full");
        assertThat(full.has("regions")).isFalse();
    }
}
