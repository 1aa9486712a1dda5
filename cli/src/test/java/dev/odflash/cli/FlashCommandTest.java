package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.noWriteCommand;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

class FlashCommandTest {
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

    private CliRunner.Run refusedWithoutWrites(String... args) throws IOException {
        Path trace = dir.resolve("trace-" + System.nanoTime() + ".jsonl");
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--trace";
        all[args.length + 1] = trace.toString();
        byte[] before = Files.readAllBytes(flash);
        CliRunner.Run r = cli.run(all);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(noWriteCommand(trace)).as("the emulator saw no erase or program").isTrue();
        assertThat(Files.readAllBytes(flash)).isEqualTo(before);
        assertThat(r.err()).doesNotContain("Exception");
        return r;
    }

    @Test
    void flashesANewerVersionVerifiesAndInfoReportsIt() throws IOException {
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        CliRunner.Run r = cli.run("flash", "--device", device, v120.toString(), "--yes", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode j = r.json();
        assertThat(j.path("verified").asBoolean()).isTrue();
        assertThat(j.path("fromVersion").asText()).isEqualTo("1.10");
        assertThat(j.path("toVersion").asText()).isEqualTo("1.20");
        assertThat(j.path("erasedBlocks").asInt()).isPositive().isLessThan(128);
        assertThat(j.path("programmedBytes").asLong()).isPositive();
        assertThat(j.path("eraseBytes").asLong()).isEqualTo(4096L * j.path("erasedBlocks").asInt());
        assertThat(j.path("simulatedSeconds").asDouble()).isPositive();
        assertThat(j.path("emulator").path("violations").asLong()).isZero();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.20"));
        Path backup = Path.of(j.path("backupFile").asText());
        assertThat(Files.readAllBytes(backup)).isEqualTo(image("1.10"));
        assertThat(backup.startsWith(home)).isTrue();
        CliRunner.Run info = cli.run("info", "--device", device, "--json");
        assertThat(info.json().path("inquiry").path("revision").asText()).isEqualTo("1.20");
    }

    @Test
    void dryRunPrintsThePlanAndWritesNothing() throws IOException {
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        Path trace = dir.resolve("dry.jsonl");
        CliRunner.Run r = cli.run("flash", "--device", device, v120.toString(), "--dry-run", "--json", "--trace", trace.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("dryRun").asBoolean()).isTrue();
        assertThat(r.json().path("plan").path("erases").asInt()).isPositive();
        assertThat(r.json().path("plan").path("predictedSeconds").asDouble())
                .isGreaterThanOrEqualTo(r.json().path("plan").path("lowerBoundSeconds").asDouble());
        assertThat(noWriteCommand(trace)).isTrue();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.10"));
        try (var s = Files.list(home)) {
            assertThat(s.toList()).as("a dry run stores no backup (only its run log)").containsOnly(home.resolve("logs"));
        }
    }

    @Test
    void withoutTerminalAndWithoutYesNothingIsWritten() throws IOException {
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        CliRunner.Run r = refusedWithoutWrites("flash", "--device", device, v120.toString());
        assertThat(r.err()).contains("--yes");
    }

    @Test
    void sameVersionNeedsAllowReinstallAndIsThenANoOp() throws IOException {
        Path same = write(dir, "1.10.bin", image("1.10"));
        assertThat(refusedWithoutWrites("flash", "--device", device, same.toString(), "--yes").err())
                .contains("--allow-reinstall");
        CliRunner.Run r = cli.run("flash", "--device", device, same.toString(), "--yes", "--allow-reinstall", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("erasedBlocks").asInt()).isZero();
        assertThat(r.json().path("programmedBytes").asLong()).isZero();
        assertThat(r.json().path("plan").path("noop").asBoolean()).isTrue();
    }

    @Test
    void olderVersionNeedsAllowOlder() throws IOException {
        Path old = write(dir, "1.00.bin", image("1.00"));
        assertThat(refusedWithoutWrites("flash", "--device", device, old.toString(), "--yes").err()).contains("--allow-older");
        assertThat(cli.run("flash", "--device", device, old.toString(), "--yes", "--allow-older").exitCode()).isZero();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.00"));
    }

    @Test
    void anotherModelsImageIsRefusedUnlessCrossFlashIsAllowed() throws IOException {
        byte[] other = dev.odflash.emulator.firmware.Mtk8051Firmware.generate("LITE-ON", "LTD-163", "1.20", FlashFixtures.SIZE);
        Path f = write(dir, "liteon.bin", other);
        assertThat(refusedWithoutWrites("flash", "--device", device, f.toString(), "--yes").err()).contains("gate model");
        // past the model gate the boot region differs (another model's boot code): still refused without --include-boot
        assertThat(refusedWithoutWrites("flash", "--device", device, f.toString(), "--yes", "--allow-cross-flash").err())
                .contains("gate boot");
    }

    @Test
    void imageOfTheWrongSizeOrBrokenStructureIsRefused() throws IOException {
        Path small = write(dir, "small.bin", dev.odflash.emulator.firmware.Mtk8051Firmware.generate("ASUS", "CRW-5224A", "1.20", 128 * 1024));
        assertThat(refusedWithoutWrites("flash", "--device", device, small.toString(), "--yes").err()).contains("gate size");
        byte[] broken = image("1.20");
        broken[0x30000] = 0x00;
        Path b = write(dir, "broken.bin", broken);
        assertThat(refusedWithoutWrites("flash", "--device", device, b.toString(), "--yes").err()).contains("gate structure");
    }

    @Test
    void aDiscInTheDriveIsRefused() throws IOException {
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        device = device + "&medium=present";
        assertThat(refusedWithoutWrites("flash", "--device", device, v120.toString(), "--yes").err()).contains("gate medium");
    }

    @Test
    void unknownChipIsRefusedUntilNamed() throws IOException {
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        device = device + "&chip=unknown";
        assertThat(refusedWithoutWrites("flash", "--device", device, v120.toString(), "--yes").err())
                .contains("gate chip").contains("0x02/0x20");
        CliRunner.Run named = cli.run("flash", "--device", device, v120.toString(), "--yes", "--chip", "SST39SF040", "--json");
        assertThat(named.exitCode()).as(named.toString()).isZero();
        assertThat(named.json().path("emulator").path("violations").asLong()).isZero();
    }

    @Test
    void bootRegionChangesNeedIncludeBoot() throws IOException {
        byte[] changed = image("1.20");
        changed[0x2000] ^= 0x01;
        Path f = write(dir, "boot.bin", changed);
        assertThat(refusedWithoutWrites("flash", "--device", device, f.toString(), "--yes").err())
                .contains("gate boot").contains("--include-boot");
    }

    @Test
    void aVouchedBackupIsUsedOnlyWhenItMatchesTheDrive() throws IOException {
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        Path wrong = write(dir, "wrong-backup.bin", image("1.00"));
        assertThat(refusedWithoutWrites("flash", "--device", device, v120.toString(), "--yes", "--backup", wrong.toString())
                .err()).contains("gate backup");
        Path right = write(dir, "right-backup.bin", image("1.10"));
        CliRunner.Run r = cli.run("flash", "--device", device, v120.toString(), "--yes", "--backup", right.toString(), "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("backupFile").asText()).isEqualTo(right.toString());
        assertThat(Files.exists(home.resolve("backups"))).as("no new library backup").isFalse();
    }

    @Test
    void downgradeToTheBackupAfterAFlash() throws IOException {
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        CliRunner.Run up = cli.run("flash", "--device", device, v120.toString(), "--yes", "--json");
        Path backup = Path.of(up.json().path("backupFile").asText());
        CliRunner.Run down = cli.run("flash", "--device", device, backup.toString(), "--yes", "--allow-older", "--json");
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.10"));
        CliRunner.Run status = cli.run("status", "--device", device, "--json");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.json().path("matchesBackups").get(0).path("file").asText()).isEqualTo(backup.toString());
    }

    @Test
    void erasersThatCoverTheBootRegionNeedIncludeBootAndThenRewriteItUnchanged() throws IOException {
        // Am29F040: only 64 KiB sectors (flashrom), so bank 0's changes (the INQUIRY template at 0x4100)
        // need an erase that also covers the 16 KiB boot region
        Path f = dir.resolve("am.bin");
        cli.run("emu", "firmware", "--profile", "asus-crw-5224a", "--version", "1.10", "--chip", "Am29F040", "-o", f.toString());
        Path v120 = dir.resolve("am-1.20.bin");
        cli.run("emu", "firmware", "--profile", "asus-crw-5224a", "--version", "1.20", "--chip", "Am29F040", "-o", v120.toString());
        flash = f;
        device = "emu:asus-crw-5224a?chip=Am29F040&image=" + f;
        assertThat(refusedWithoutWrites("flash", "--device", device, v120.toString(), "--yes").err())
                .contains("gate boot").contains("erasers cover the boot region");
        CliRunner.Run r = cli.run("flash", "--device", device, v120.toString(), "--yes", "--include-boot", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(f)).isEqualTo(Files.readAllBytes(v120));
        assertThat(cli.run("info", "--device", device, "--json").json().path("inquiry").path("revision").asText())
                .isEqualTo("1.20");
    }
}
