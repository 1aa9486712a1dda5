package dev.odflash.cli;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

/** The library keeps one entry per content and drive key; `library list | verify | prune` (README "Backups"). */
class BackupLibraryDedupTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path home;
    @TempDir
    Path dir;
    private Path flash;
    private String device;
    private CliRunner cli;

    @BeforeEach
    void drive() {
        flash = write(dir, "flash.bin", image("1.10"));
        device = "emu:asus-crw-5224a?image=" + flash;
        cli = new CliRunner(home);
    }

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    private Path driveDir() {
        return home.resolve("backups").resolve("ASUS_CRW-5224A");
    }

    private List<Path> images() throws IOException {
        if (!Files.isDirectory(driveDir())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(driveDir())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".bin")).sorted().toList();
        }
    }

    private CliRunner.Run backup(String when) {
        CliRunner.Run r = cli.run(at(when), "backup", "--device", device, "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    @Test
    void aSecondBackupOfTheSameContentIsRecordedInTheFirstEntrysSidecar() throws IOException {
        Path first = Path.of(backup("2026-01-01T10:00:00Z").json().path("file").asText());
        byte[] sidecarBefore = Files.readAllBytes(Path.of(first + ".json"));
        byte[] imageBefore = Files.readAllBytes(first);

        CliRunner.Run again = cli.run(at("2026-01-02T11:00:00Z"), "backup", "--device", device);
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("already in the library: " + first);

        assertThat(images()).containsExactly(first);
        assertThat(Files.readAllBytes(first)).isEqualTo(imageBefore);
        JsonNode before = JSON.readTree(sidecarBefore);
        JsonNode after = JSON.readTree(Path.of(first + ".json").toFile());
        assertThat(after.path("sha256")).isEqualTo(before.path("sha256"));
        assertThat(after.path("createdAt")).isEqualTo(before.path("createdAt"));
        assertThat(after.path("seen")).hasSize(1);
        assertThat(after.path("seen").get(0).path("createdAt").asText()).isEqualTo("2026-01-02T11:00:00Z");
        assertThat(after.path("seen").get(0).path("toolVersion").asText()).isNotBlank();
        ObjectNode withoutSeen = ((ObjectNode) after.deepCopy());
        withoutSeen.remove("seen");
        assertThat(withoutSeen).isEqualTo(before);

        JsonNode third = backup("2026-01-03T12:00:00Z").json();
        assertThat(third.path("alreadyInLibrary").asBoolean()).isTrue();
        assertThat(third.path("file").asText()).isEqualTo(first.toString());
        assertThat(JSON.readTree(Path.of(first + ".json").toFile()).path("seen")).hasSize(2);
        assertThat(images()).hasSize(1);
    }

    @Test
    void otherContentIsANewEntryAndOutputFileNeverDedups() throws IOException {
        backup("2026-01-01T10:00:00Z");
        Path out = dir.resolve("mine.bin");
        CliRunner.Run r = cli.run(at("2026-01-01T10:05:00Z"), "backup", "--device", device, "-o", out.toString(), "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("alreadyInLibrary").asBoolean()).isFalse();
        assertThat(Files.readAllBytes(out)).isEqualTo(image("1.10"));
        assertThat(Files.exists(dir.resolve("mine.bin.json"))).isTrue();

        Files.write(flash, image("1.20"));
        CliRunner.Run other = cli.run(at("2026-01-01T10:10:00Z"), "backup", "--device", device, "--json");
        assertThat(other.exitCode()).as(other.toString()).isZero();
        assertThat(other.json().path("alreadyInLibrary").asBoolean()).isFalse();
        assertThat(images()).hasSize(2);
    }

    @Test
    void aDamagedEntryIsNeverTheOneABackupIsFoldedInto() throws IOException {
        Path first = Path.of(backup("2026-01-01T10:00:00Z").json().path("file").asText());
        byte[] bad = Files.readAllBytes(first);
        bad[1000] ^= 1;
        Files.write(first, bad);
        JsonNode r = backup("2026-01-02T10:00:00Z").json();
        assertThat(r.path("alreadyInLibrary").asBoolean()).isFalse();
        assertThat(images()).hasSize(2);
    }

    @Test
    void thePreFlashBackupDedupsTheSameWay() throws IOException {
        Path first = Path.of(backup("2026-01-01T10:00:00Z").json().path("file").asText());
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        CliRunner.Run r = cli.run(at("2026-01-02T10:00:00Z"), "flash", "--device", device, v120.toString(), "--yes", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("backupFile").asText()).isEqualTo(first.toString());
        assertThat(images()).containsExactly(first);
        assertThat(JSON.readTree(Path.of(first + ".json").toFile()).path("seen")).hasSize(1);
    }

    @Test
    void libraryVerifyHashesEveryImageAndExitsFiveOnDamage() throws IOException {
        Path first = Path.of(backup("2026-01-01T10:00:00Z").json().path("file").asText());
        CliRunner.Run ok = cli.run("library", "verify", "--json");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.json().path("verified")).hasSize(1);
        // status fills its hash cache; verify must not trust it: same size, same mtime, other bytes
        assertThat(cli.run("status", "--device", device).exitCode()).isZero();
        byte[] bad = Files.readAllBytes(first);
        var mtime = Files.getLastModifiedTime(first);
        bad[4096] ^= 0x40;
        Files.write(first, bad);
        Files.setLastModifiedTime(first, mtime);
        CliRunner.Run damaged = cli.run("library", "verify");
        assertThat(damaged.exitCode()).as(damaged.toString()).isEqualTo(5);
        assertThat(damaged.out()).contains("damaged: " + first);
        Files.writeString(Path.of(first + ".json"), "{not json");
        assertThat(cli.run("library", "verify").exitCode()).isEqualTo(5);
    }

    @Test
    void libraryListShowsEntriesAndTheirSightingsAndFiltersByDevice() throws IOException {
        backup("2026-01-01T10:00:00Z");
        backup("2026-01-02T10:00:00Z");
        Path other = home.resolve("backups").resolve("OTHER_DRIVE");
        Files.createDirectories(other);
        Files.write(other.resolve("x.bin"), new byte[16]);
        CliRunner.Run all = cli.run("library", "list", "--json");
        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(all.json().path("backups")).hasSize(1);
        assertThat(all.json().path("backups").get(0).path("seen")).hasSize(1);
        assertThat(all.json().path("issues")).hasSize(1);
        CliRunner.Run one = cli.run("library", "list", "--device", device, "--json");
        assertThat(one.exitCode()).as(one.toString()).isZero();
        assertThat(one.json().path("drive").asText()).isEqualTo("ASUS_CRW-5224A");
        assertThat(one.json().path("backups")).hasSize(1);
        assertThat(one.json().path("issues")).isEmpty();
        CliRunner.Run text = cli.run("library", "list");
        assertThat(text.out()).contains("ASUS_CRW-5224A  1.10  complete").contains("backed up again 1 time");
    }

    /** What earlier versions left: copies of one backup under other names, and an interrupted dump. */
    private Path copyEntry(Path entry, String name, String createdAt, String state) throws IOException {
        Path copy = entry.resolveSibling(name);
        Files.copy(entry, copy);
        ObjectNode sidecar = (ObjectNode) JSON.readTree(Path.of(entry + ".json").toFile());
        sidecar.remove("seen");
        sidecar.put("createdAt", createdAt).put("state", state);
        Files.write(Path.of(copy + ".json"), JSON.writeValueAsBytes(sidecar));
        return copy;
    }

    @Test
    void pruneRemovesDuplicatesAndInterruptedDumpsKeepingTheOldestAndItsHistory() throws IOException {
        Path first = Path.of(backup("2026-01-01T10:00:00Z").json().path("file").asText());
        Path dup1 = copyEntry(first, "1.10-20260105T000000Z.bin", "2026-01-05T00:00:00Z", "complete");
        Path dup2 = copyEntry(first, "1.10-20260106T000000Z.bin", "2026-01-06T00:00:00Z", "complete");
        Path dump = copyEntry(first, "1.10-interrupted-20260107T000000Z.bin", "2026-01-07T00:00:00Z", "interrupted");

        CliRunner.Run refused = cli.run("library", "prune");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(4);
        assertThat(images()).hasSize(4);
        CliRunner.Run dry = cli.run("library", "prune", "--dry-run", "--json");
        assertThat(dry.json().path("wouldRemove")).hasSize(3);
        assertThat(images()).hasSize(4);

        CliRunner.Run r = cli.run("library", "prune", "--yes", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("removed")).hasSize(3);
        assertThat(images()).containsExactly(first);
        assertThat(Files.exists(Path.of(dup1 + ".json"))).isFalse();
        assertThat(Files.exists(Path.of(dup2 + ".json"))).isFalse();
        assertThat(Files.exists(Path.of(dump + ".json"))).isFalse();
        JsonNode kept = JSON.readTree(Path.of(first + ".json").toFile());
        assertThat(kept.path("seen")).extracting(n -> n.path("createdAt").asText())
                .containsExactly("2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z");
        assertThat(cli.run("library", "verify").exitCode()).isZero();
        CliRunner.Run nothing = cli.run("library", "prune", "--yes");
        assertThat(nothing.exitCode()).isZero();
        assertThat(nothing.out()).contains("Nothing to prune");
        assertThat(images()).containsExactly(first);
    }

    @Test
    void pruneNeverRemovesADamagedEntryTheOnlyBackupOrAnythingBehindALink() throws IOException {
        Path first = Path.of(backup("2026-01-01T10:00:00Z").json().path("file").asText());
        Path damaged = copyEntry(first, "1.10-20260105T000000Z.bin", "2026-01-05T00:00:00Z", "complete");
        byte[] bad = Files.readAllBytes(damaged);
        bad[0] ^= 1;
        Files.write(damaged, bad);
        // a drive folder that is a link to somewhere else, holding duplicates
        Path elsewhere = dir.resolve("elsewhere");
        Files.createDirectories(elsewhere);
        Files.copy(first, elsewhere.resolve("a.bin"));
        Files.copy(Path.of(first + ".json"), elsewhere.resolve("a.bin.json"));
        Files.copy(first, elsewhere.resolve("b.bin"));
        Files.copy(Path.of(first + ".json"), elsewhere.resolve("b.bin.json"));
        Files.createSymbolicLink(home.resolve("backups").resolve("LINKED_DRIVE"), elsewhere);

        CliRunner.Run r = cli.run("library", "prune", "--yes");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Nothing to prune");
        assertThat(images()).containsExactly(first, damaged);
        try (Stream<Path> s = Files.list(elsewhere)) {
            assertThat(s.count()).isEqualTo(4);
        }
    }
}
