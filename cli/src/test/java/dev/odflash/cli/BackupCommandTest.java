package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odflash.bytes.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class BackupCommandTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    private Path emulatedFlash(String version) {
        Path f = dir.resolve("flash-" + version + ".bin");
        CliRunner.Run r = new CliRunner(home).run("emu", "firmware", "--profile", "asus-crw-5224a", "--version", version,
                "-o", f.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return f;
    }

    @Test
    void backupEqualsTheEmulatedFlashByteForByteAndMatchesItsSidecar() throws IOException {
        Path flash = emulatedFlash("1.20");
        Path out = dir.resolve("backup.bin");
        CliRunner.Run r = new CliRunner(home).run("backup", "--device", "emu:asus-crw-5224a?image=" + flash,
                "-o", out.toString(), "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        byte[] backup = Files.readAllBytes(out);
        assertThat(backup).isEqualTo(Files.readAllBytes(flash));
        JsonNode sidecar = new ObjectMapper().readTree(dir.resolve("backup.bin.json").toFile());
        assertThat(sidecar.path("sha256").asText()).isEqualTo(Sha256.hex(backup));
        assertThat(sidecar.path("size").asLong()).isEqualTo(backup.length);
        assertThat(sidecar.path("state").asText()).isEqualTo("complete");
        assertThat(sidecar.path("passes").asInt()).isEqualTo(2);
        assertThat(sidecar.path("drive").path("revision").asText()).isEqualTo("1.20");
        assertThat(sidecar.path("chip").path("name").asText()).isEqualTo("SST39SF040");
        assertThat(sidecar.path("chip").path("manufacturerId").asText()).isEqualTo("0xBF");
        assertThat(sidecar.path("toolVersion").asText()).isNotBlank();
        assertThat(sidecar.path("createdAt").asText()).endsWith("Z");
        JsonNode j = r.json();
        assertThat(j.path("sha256").asText()).isEqualTo(Sha256.hex(backup));
        assertThat(j.path("simulatedSeconds").asDouble()).isPositive();
    }

    @Test
    void withoutOutputTheBackupGoesIntoTheLibrary() throws IOException {
        CliRunner.Run r = new CliRunner(home).run("backup", "--device", "emu:asus-crw-5224a", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Path file = Path.of(r.json().path("file").asText());
        assertThat(file.startsWith(home.resolve("backups").resolve("ASUS_CRW-5224A"))).isTrue();
        assertThat(file.getFileName().toString()).matches("1\\.10-\\d{8}T\\d{6}Z\\.bin");
        assertThat(Files.exists(file)).isTrue();
        assertThat(Files.exists(Path.of(file + ".json"))).isTrue();
    }

    @Test
    void refusesToOverwriteAndLeavesTheFileAlone() throws IOException {
        Path out = dir.resolve("exists.bin");
        Files.writeString(out, "precious");
        CliRunner.Run r = new CliRunner(home).run("backup", "--device", "emu:asus-crw-5224a", "-o", out.toString());
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).contains("exists");
        assertThat(Files.readString(out)).isEqualTo("precious");
        assertThat(Files.exists(dir.resolve("exists.bin.json"))).isFalse();
    }

    @Test
    void unwritableOutputDirectoryIsAUsageError() throws IOException {
        Path notADir = dir.resolve("plain-file");
        Files.writeString(notADir, "x");
        CliRunner.Run r = new CliRunner(home).run("backup", "--device", "emu:asus-crw-5224a",
                "-o", notADir.resolve("b.bin").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("does not exist");
    }

    @Test
    void driveThatStopsAnsweringPartWayLeavesNoFileAndExits3() throws IOException {
        Path out = dir.resolve("cut.bin");
        // one Command-register write is one command (the probe and the ID take a few hundred): 5000 falls in the first read pass
        CliRunner.Run r = new CliRunner(home).run("backup", "--device",
                "emu:asus-crw-5224a?fault=powerloss@cmd:5000", "-o", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("stopped answering").contains("nothing was written");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.toList()).isEmpty();
        }
    }

    @Test
    void unknownChipCanStillBeBackedUp() throws IOException {
        Path out = dir.resolve("unknown.bin");
        CliRunner.Run r = new CliRunner(home).run("backup", "--device", "emu:asus-crw-5224a?chip=unknown",
                "-o", out.toString(), "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.size(out)).isEqualTo(512 * 1024);
        assertThat(r.json().path("chip").path("name").asText()).isEqualTo("unknown");
        assertThat(r.json().path("chip").path("manufacturerId").asText()).isEqualTo("0x02");
        assertThat(r.err()).contains("unknown flash chip");
    }

    @Test
    void progressIsPlainLinesWhenStderrIsNotATerminalAndSilentWithQuiet() {
        CliRunner.Run loud = new CliRunner(home).run("backup", "--device", "emu:asus-crw-5224a", "-o",
                dir.resolve("a.bin").toString());
        assertThat(loud.err()).contains("read pass 1/2: 0%").contains("read pass 2/2: 100%");
        CliRunner.Run quiet = new CliRunner(home).run("backup", "--device", "emu:asus-crw-5224a", "-o",
                dir.resolve("b.bin").toString(), "--quiet");
        assertThat(quiet.err()).doesNotContain("read pass");
    }

    @Test
    void aDriveWithoutVendorPathFailsWithoutWriting() {
        CliRunner.Run r = new CliRunner(home).run("backup", "--device", "emu:asus-crw-5224a?bridge=drop-vendor",
                "-o", dir.resolve("x.bin").toString());
        assertThat(r.exitCode()).isEqualTo(3); // the bridge case is exit 3 in doctor, backup and flash alike
        assertThat(Files.exists(dir.resolve("x.bin"))).isFalse();
    }

    @Test
    void strictHostPathsStillWorkBecauseTheHostAlignsAndSizesItsBuffers() {
        // the host allocates aligned buffers and splits reads, so strict paths still work
        CliRunner.Run r = new CliRunner(home).run("backup", "--device", "emu:asus-crw-5224a?align=511&maxxfer=4096",
                "-o", dir.resolve("strict.bin").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(List.of(dir.resolve("strict.bin").toFile().exists())).containsExactly(true);
    }

    @Test
    void twoLibraryBackupsInTheSameSecondBothLand() throws IOException {
        java.time.Clock frozen = java.time.Clock.fixed(java.time.Instant.parse("2026-11-25T12:00:00Z"), java.time.ZoneOffset.UTC);
        CliRunner cli = new CliRunner(home);
        // the same content twice is one entry (a sighting); a name held by something else in that second gets "-2"
        Path dirOfDrive = Files.createDirectories(home.resolve("backups").resolve("ASUS_CRW-5224A"));
        Files.writeString(dirOfDrive.resolve("1.10-20261125T120000Z.bin"), "not odflash's");
        CliRunner.Run a = cli.run(frozen, "backup", "--device", "emu:asus-crw-5224a", "--json");
        CliRunner.Run b = cli.run(frozen, "backup", "--device", "emu:asus-crw-5224a", "--json");
        assertThat(a.exitCode()).as(a.toString()).isZero();
        assertThat(b.exitCode()).as(b.toString()).isZero();
        assertThat(a.json().path("file").asText()).endsWith("1.10-20261125T120000Z-2.bin");
        assertThat(b.json().path("file").asText()).isEqualTo(a.json().path("file").asText());
        assertThat(b.json().path("alreadyInLibrary").asBoolean()).isTrue();
        assertThat(Files.readString(dirOfDrive.resolve("1.10-20261125T120000Z.bin"))).isEqualTo("not odflash's");
    }
}
