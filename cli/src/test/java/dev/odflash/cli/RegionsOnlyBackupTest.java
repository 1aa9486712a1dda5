package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Safety rule 2 on an MT19xx drive that refuses READ BUFFER over its whole flash ({@code readbuffer=regions}):
 * without --regions-only backup and flash refuse naming it and nothing is written; with it the backup holds
 * the three regions (each with its sha256 in a {@code coverage: "regions"} sidecar), the flash keeps the
 * drive's config and calibration and verifies, and such a backup is never a --backup nor a journal's restore.
 */
class RegionsOnlyBackupTest {
    private static final String PROFILE = "asus-bw16d1ht";
    /** The regions the sources read, written out here from docs/protocols.md §2.2 (offset, length). */
    private static final int[][] REGIONS = {{0x3000, 0x20}, {0x1EC000, 0x100}, {0x1F0000, 0x10000}};

    @TempDir
    Path home;
    @TempDir
    Path dir;

    private String spec(Path drive) {
        return "emu:" + PROFILE + "?readbuffer=regions&image=" + drive;
    }

    /** Creates the unit's flash file (an `info` run) and returns its bytes. */
    private byte[] factory(CliRunner cli, Path drive) throws IOException {
        CliRunner.Run info = cli.run("info", "--device", spec(drive));
        assertThat(info.exitCode()).as(info.toString()).isZero();
        return Files.readAllBytes(drive);
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] region(byte[] flash, int[] r) {
        return Arrays.copyOfRange(flash, r[0], r[0] + r[1]);
    }

    private static List<Path> sidecars(Path home) throws IOException {
        Path backups = home.resolve("backups");
        if (!Files.isDirectory(backups)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(backups)) {
            return s.filter(p -> p.toString().endsWith(".bin.json")).toList();
        }
    }

    @Test
    void withoutTheFlagARefusedWholeReadIsARefusalNamingItAndNothingIsWritten() throws IOException {
        Path drive = dir.resolve("drive.bin");
        CliRunner cli = new CliRunner(home);
        byte[] before = factory(cli, drive);
        Path out = dir.resolve("b.bin");

        CliRunner.Run backup = cli.run("backup", "--device", spec(drive), "-o", out.toString());
        assertThat(backup.exitCode()).as(backup.toString()).isEqualTo(4);
        assertThat(backup.err()).contains("--regions-only").doesNotContain("Exception").doesNotContain("{choice:");
        assertThat(out).doesNotExist();

        Path v310 = DownloadRuns.image(dir, PROFILE, "3.10");
        CliRunner.Run flash = DownloadRuns.refusedWithoutDownload(home, dir, "flash", "--device", spec(drive),
                v310.toString(), "--yes");
        assertThat(flash.err()).contains("--regions-only").doesNotContain("{choice:");
        assertThat(Files.readAllBytes(drive)).as("nothing was written").isEqualTo(before);
        assertThat(sidecars(home)).isEmpty();
        assertThat(cli.run("journal", "list", "--json").json().path("journals").size()).isZero();
    }

    @Test
    void withTheFlagTheBackupHoldsTheRegionsAndItsSidecarSaysSo() throws IOException {
        Path drive = dir.resolve("drive.bin");
        CliRunner cli = new CliRunner(home);
        byte[] flash = factory(cli, drive);
        Path out = dir.resolve("b.bin");

        CliRunner.Run r = cli.run("backup", "--device", spec(drive), "-o", out.toString(), "--regions-only", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        byte[] expected = new byte[0];
        for (int[] g : REGIONS) {
            byte[] part = region(flash, g);
            byte[] joined = Arrays.copyOf(expected, expected.length + part.length);
            System.arraycopy(part, 0, joined, expected.length, part.length);
            expected = joined;
        }
        assertThat(Files.readAllBytes(out)).as("the regions, one after the other").isEqualTo(expected);
        JsonNode sidecar = new ObjectMapper().readTree(dir.resolve("b.bin.json").toFile());
        assertThat(sidecar.path("coverage").asText()).isEqualTo("regions");
        assertThat(sidecar.path("size").asLong()).isEqualTo(expected.length);
        assertThat(sidecar.path("sha256").asText()).isEqualTo(sha256(expected));
        assertThat(sidecar.path("regions")).hasSize(3);
        for (int i = 0; i < REGIONS.length; i++) {
            JsonNode g = sidecar.path("regions").get(i);
            assertThat(g.path("offset").asLong()).isEqualTo(REGIONS[i][0]);
            assertThat(g.path("length").asLong()).isEqualTo(REGIONS[i][1]);
            assertThat(g.path("sha256").asText()).isEqualTo(sha256(region(flash, REGIONS[i])));
        }
        assertThat(r.json().path("coverage").asText()).isEqualTo("regions");

        // a drive that allows the whole read still gets a full backup, flag or not
        Path full = dir.resolve("full.bin");
        CliRunner.Run whole = cli.run("backup", "--device", "emu:" + PROFILE + "?image=" + drive, "-o", full.toString(),
                "--regions-only");
        assertThat(whole.exitCode()).as(whole.toString()).isZero();
        assertThat(Files.readAllBytes(full)).isEqualTo(flash);
        assertThat(new ObjectMapper().readTree(dir.resolve("full.bin.json").toFile()).path("coverage").asText())
                .isEqualTo("full");
    }

    @Test
    void withTheFlagTheFlashKeepsTheRegionsAndVerifies() throws IOException {
        Path drive = dir.resolve("drive.bin");
        CliRunner cli = new CliRunner(home);
        byte[] before = factory(cli, drive);
        Path v310 = DownloadRuns.image(dir, PROFILE, "3.10");

        CliRunner.Run r = cli.run("flash", "--device", spec(drive), v310.toString(), "--yes", "--regions-only", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("verified").asBoolean()).isTrue();
        assertThat(r.json().path("verification").asText()).isEqualTo("regions");
        byte[] after = Files.readAllBytes(drive);
        assertThat(after).as("the flash was written").isNotEqualTo(before);
        assertThat(region(after, REGIONS[0])).as("config kept").isEqualTo(region(before, REGIONS[0]));
        assertThat(region(after, REGIONS[2])).as("calibration kept").isEqualTo(region(before, REGIONS[2]));
        byte[] file = Files.readAllBytes(v310);
        assertThat(Arrays.copyOfRange(after, 0x10000, 0x1F0000)).as("the image from 0x10000 up to the calibration")
                .isEqualTo(Arrays.copyOfRange(file, 0x10000, 0x1F0000));
        List<Path> sidecars = sidecars(home);
        assertThat(sidecars).hasSize(1);
        assertThat(new ObjectMapper().readTree(sidecars.getFirst().toFile()).path("coverage").asText()).isEqualTo("regions");
        assertThat(r.json().path("backupFile").asText()).isEqualTo(
                sidecars.getFirst().resolveSibling(sidecars.getFirst().getFileName().toString().replace(".json", "")).toString());
    }

    @Test
    void aRegionsBackupIsRefusedForTheBackupOption() throws IOException {
        Path drive = dir.resolve("drive.bin");
        CliRunner cli = new CliRunner(home);
        byte[] before = factory(cli, drive);
        Path out = dir.resolve("b.bin");
        assertThat(cli.run("backup", "--device", spec(drive), "-o", out.toString(), "--regions-only").exitCode()).isZero();
        Path v310 = DownloadRuns.image(dir, PROFILE, "3.10");

        for (String device : List.of(spec(drive), "emu:" + PROFILE + "?image=" + drive)) {
            CliRunner.Run r = DownloadRuns.refusedWithoutDownload(home, dir, "flash", "--device", device,
                    v310.toString(), "--yes", "--regions-only", "--backup", out.toString());
            assertThat(r.err()).contains("regions-only backup");
        }
        assertThat(Files.readAllBytes(drive)).as("nothing was written").isEqualTo(before);
    }

    @Test
    void aJournalOfARegionsBackedFlashNeverOffersARestore() throws IOException {
        Path v310 = DownloadRuns.image(dir, PROFILE, "3.10");
        Path v302 = DownloadRuns.image(dir, PROFILE, "3.02");
        // the command number of the tenth download chunk, from a clean run's trace
        Path scratch = Files.createTempDirectory(dir, "scratch");
        Path trace = dir.resolve("clean.jsonl");
        CliRunner.Run clean = new CliRunner(scratch).run("flash", "--device", spec(scratch.resolve("d.bin")),
                v310.toString(), "--yes", "--regions-only", "--trace", trace.toString());
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        List<String> cdbs = Files.readAllLines(trace).stream().filter(l -> l.contains("\"cdb\"")).toList();
        int chunks = 0;
        int cut = -1;
        for (int i = 0; i < cdbs.size() && cut < 0; i++) {
            if (cdbs.get(i).matches(".*\"cdb\" ?: ?\"3b06.*") && ++chunks == 10) {
                cut = i + 1;
            }
        }
        assertThat(cut).isPositive();

        Path drive = dir.resolve("drive.bin");
        CliRunner cli = new CliRunner(home);
        factory(cli, drive);
        CliRunner.Run cutRun = cli.run("flash", "--device", spec(drive) + "&fault=powerloss@cmd:" + cut, v310.toString(),
                "--yes", "--regions-only");
        assertThat(cutRun.exitCode()).as(cutRun.toString()).isNotZero();
        JsonNode journals = cli.run("journal", "list", "--json").json().path("journals");
        assertThat(journals).hasSize(1);
        assertThat(journals.get(0).path("backupFile").asText()).as("a regions backup is no restore").isEmpty();
        List<Path> sidecars = sidecars(home);
        assertThat(sidecars).hasSize(1);
        Path regionsBackup = sidecars.getFirst().resolveSibling(sidecars.getFirst().getFileName().toString()
                .replace(".json", ""));

        CliRunner.Run other = DownloadRuns.refusedWithoutDownload(home, dir, "flash", "--device", spec(drive),
                v302.toString(), "--yes", "--regions-only");
        assertThat(other.err()).contains("interrupted").doesNotContain("restore");
        CliRunner.Run restore = cli.run("flash", "--device", spec(drive), regionsBackup.toString(), "--yes",
                "--regions-only");
        assertThat(restore.exitCode()).as("the regions backup is never flashed: " + restore).isIn(2, 4);

        CliRunner.Run noFlag = DownloadRuns.refusedWithoutDownload(home, dir, "flash", "--device", spec(drive),
                v310.toString(), "--yes");
        assertThat(noFlag.err()).contains("--regions-only");
        CliRunner.Run resume = cli.run("flash", "--device", spec(drive), v310.toString(), "--yes", "--regions-only",
                "--json");
        assertThat(resume.exitCode()).as(resume.toString()).isZero();
        assertThat(resume.json().path("verification").asText()).isEqualTo("regions");
        assertThat(cli.run("journal", "list", "--json").json().path("journals").size()).isZero();
    }
}
