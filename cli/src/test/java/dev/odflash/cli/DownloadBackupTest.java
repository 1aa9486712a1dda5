package dev.odflash.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Safety rule 2 on download-style drives: MT19xx files a half-written drive found on a resume as
 * {@code interrupted}, never as a complete backup (as chip style does), and honours {@code --backup F}
 * only when F is what the drive holds; a family without a read path refuses {@code --backup} (exit 2).
 */
class DownloadBackupTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    private Path image(String profile, String version) throws IOException {
        return DownloadRuns.image(dir, profile, version);
    }

    /** The states of the library's sidecars ("complete", "interrupted"). */
    private static List<String> libraryStates(Path home) throws IOException {
        Path backups = home.resolve("backups");
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(backups)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(backups)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".json")).toList()) {
                out.add(new ObjectMapper().readTree(p.toFile()).path("state").asText());
            }
        }
        return out;
    }

    /** The SCSI command numbers of a clean run that follow its last WRITE BUFFER (the burn and the wait). */
    private List<Integer> commandsAfterTheDownload(Path img) throws IOException {
        Path trace = dir.resolve("clean.jsonl");
        Path scratch = Files.createTempDirectory(dir, "scratch");
        CliRunner.Run r = new CliRunner(scratch).run("flash", "--device", "emu:asus-bw16d1ht", img.toString(), "--yes",
                "--trace", trace.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> cdbs = Files.readAllLines(trace).stream().filter(l -> l.contains("\"cdb\"")).toList();
        int last = 0;
        for (int i = 0; i < cdbs.size(); i++) {
            if (cdbs.get(i).matches(".*\"cdb\" ?: ?\"3b.*")) {
                last = i + 1;
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int n = last + 1; n <= cdbs.size(); n++) {
            out.add(n);
        }
        return out;
    }

    @Test
    void anMt19xxResumeFilesTheHalfWrittenDriveAsInterruptedNotAsABackup() throws IOException {
        Path v310 = image("asus-bw16d1ht", "3.10");
        // a power loss while the drive burns: the first cut that leaves the flash half-written
        for (int n : commandsAfterTheDownload(v310)) {
            Path caseHome = Files.createTempDirectory(dir, "home");
            Path drive = caseHome.resolve("drive.bin");
            String spec = "emu:asus-bw16d1ht?image=" + drive;
            CliRunner cli = new CliRunner(caseHome);
            assertThat(cli.run("info", "--device", spec).exitCode()).isZero();
            byte[] factory = Files.readAllBytes(drive);
            CliRunner.Run cut = cli.run("flash", "--device", spec + "&fault=powerloss@cmd:" + n, v310.toString(), "--yes");
            com.fasterxml.jackson.databind.JsonNode journals = cli.run("journal", "list", "--json").json().path("journals");
            if (cut.exitCode() == 0 || journals.size() != 1 || java.util.Arrays.equals(factory, Files.readAllBytes(drive))) {
                continue; // this cut missed the burn
            }
            String journalBackup = journals.get(0).path("backupFile").asText();
            assertThat(journalBackup).isNotEmpty();
            assertThat(libraryStates(caseHome)).containsExactly("complete");

            CliRunner.Run resume = cli.run("flash", "--device", spec, v310.toString(), "--yes", "--json");
            assertThat(resume.exitCode()).as(resume.toString()).isZero();
            assertThat(libraryStates(caseHome)).as("the half-written dump is evidence, never a second complete backup")
                    .containsExactlyInAnyOrder("complete", "interrupted");
            assertThat(resume.json().path("backupFile").asText()).as("the journal's backup stays the backup")
                    .isEqualTo(journalBackup);
            return;
        }
        throw new AssertionError("no power cut during the burn left the flash half-written");
    }

    @Test
    void anMt19xxBackupFileIsUsedOnlyWhenItIsWhatTheDriveHolds() throws IOException {
        Path driveA = dir.resolve("a.bin");
        Path driveB = dir.resolve("b.bin");
        CliRunner cli = new CliRunner(home);
        Path dumpA = dir.resolve("dumpA.bin");
        Path dumpB = dir.resolve("dumpB.bin");
        assertThat(cli.run("backup", "--device", "emu:asus-bw16d1ht?unit=A&image=" + driveA, "-o", dumpA.toString())
                .exitCode()).isZero();
        assertThat(cli.run("backup", "--device", "emu:asus-bw16d1ht?unit=B&image=" + driveB, "-o", dumpB.toString())
                .exitCode()).isZero();
        byte[] before = Files.readAllBytes(driveA);
        Path v310 = image("asus-bw16d1ht", "3.10");

        CliRunner.Run wrong = cli.run("flash", "--device", "emu:asus-bw16d1ht?unit=A&image=" + driveA, v310.toString(),
                "--yes", "--backup", dumpB.toString());
        assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(4);
        assertThat(wrong.err()).contains("is not what the drive holds");
        assertThat(Files.readAllBytes(driveA)).as("nothing was written").isEqualTo(before);

        CliRunner.Run right = cli.run("flash", "--device", "emu:asus-bw16d1ht?unit=A&image=" + driveA, v310.toString(),
                "--yes", "--backup", dumpA.toString(), "--json");
        assertThat(right.exitCode()).as(right.toString()).isZero();
        assertThat(right.json().path("backupFile").asText()).isEqualTo(dumpA.toString());
        assertThat(libraryStates(home)).as("the user's backup is used: none is taken").isEmpty();
    }

    @Test
    void aFamilyWithoutReadPathRefusesABackupFileItCannotCheck() throws IOException {
        Path img = image("btc-drw1008", "0058");
        Path some = Files.write(dir.resolve("some.bin"), new byte[16]);
        Path trace = dir.resolve("t.jsonl");
        CliRunner.Run r = new CliRunner(home).run("flash", "--device", "emu:btc-drw1008", img.toString(), "--yes",
                "--without-backup", "--backup", some.toString(), "--trace", trace.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--backup").contains("no read path");
        assertThat(GoldenTraceTest.downloadCommands(trace)).noneMatch(c -> c.startsWith("3b") || c.startsWith("ff"));
    }
}
