package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The external family against libflashrom's dummy programmer (issue 15 §4). The dummy writes its image= file only
 * when the programmer shuts down, which odflash does when the command ends, so every check of the file below
 * reads it after the run, independently of odflash.
 */
class ExternalProgrammerTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;
    private Path chip;
    private ChildCli cli;

    @BeforeEach
    void clip() {
        LibflashromPresent.require();
        chip = write(dir, "chip.bin", image("1.10")); // a CRW-5224A's 512 KiB image on an SST25VF040
        cli = new ChildCli(home);
    }

    private String device(String extra) {
        return "flashrom:dummy:emulate=SST25VF040.REMS,image=" + chip + extra;
    }

    private CliRunner.Run refusedUnchanged(int exit, String... args) throws IOException {
        byte[] before = Files.readAllBytes(chip);
        CliRunner.Run r = cli.run(args);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(exit);
        assertThat(Files.readAllBytes(chip)).as("the dummy's image file").isEqualTo(before);
        assertThat(r.err()).doesNotContain("Exception");
        return r;
    }

    @Test
    void infoNamesTheProbedPartTheContentsAndTheProtection() {
        CliRunner.Run r = cli.run("info", "--device", device(""), "--chip", "sst25vf040", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode j = r.json();
        assertThat(r.out()).contains("external").contains("CRW-5224A").contains("SST25VF040");
        assertThat(r.out()).contains("write protection");
        assertThat(j.toString()).contains("1.10");
    }

    @Test
    void aProbeWithSeveralMatchesIsRefusedWithTheCandidates() throws IOException {
        CliRunner.Run r = refusedUnchanged(4, "info", "--device", device(""));
        assertThat(r.err()).contains("SST25VF040").contains("SST25LF040A").contains("--chip");
    }

    @Test
    void backupIsByteExactAfterTwoAgreeingReads() throws IOException {
        Path out = dir.resolve("backup.bin");
        CliRunner.Run r = cli.run("backup", "--device", device(""), "--chip", "SST25VF040", "-o", out.toString(), "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(chip));
        assertThat(r.json().toString()).contains("\"passes\":2");
    }

    @Test
    void flashIsVerifiedByteForByteInTheDummysImageFile() throws IOException {
        byte[] target = image("1.20");
        Path v120 = write(dir, "1.20.bin", target);
        CliRunner.Run r = cli.run("flash", "--device", device(""), "--chip", "SST25VF040", v120.toString(), "--yes", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode j = r.json();
        assertThat(j.path("verified").asBoolean()).isTrue();
        assertThat(j.path("fromVersion").asText()).isEqualTo("1.10");
        assertThat(j.path("erasedBlocks").asInt()).isPositive().isLessThan(128);
        assertThat(Files.readAllBytes(chip)).isEqualTo(target);
    }

    @Test
    void theBootRegionGateSendsNoWrite() throws IOException {
        byte[] target = image("1.20");
        target[0x100] ^= 0x01; // the CRW-5224A row's boot region is the first 16 KiB
        Path bad = write(dir, "boot.bin", target);
        CliRunner.Run r = refusedUnchanged(4, "flash", "--device", device(""), "--chip", "SST25VF040", bad.toString(), "--yes");
        assertThat(r.err()).contains("boot region").contains("--include-boot");
    }

    @Test
    void aPartNoRowNamesIsReadButNeverWritten() throws IOException {
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        // VARIABLE_SIZE probes as libflashrom's "Opaque flash chip", which no chip row names
        CliRunner.Run r = refusedUnchanged(4, "flash", "--device", "flashrom:dummy:emulate=VARIABLE_SIZE,size=524288,image="
                + chip, v120.toString(), "--yes");
        assertThat(r.err()).contains("Opaque flash chip").contains("--chip");
    }

    @Test
    void aPowerCutInsideARegionResumesToTheImage() throws IOException {
        byte[] before = Files.readAllBytes(chip);
        byte[] target = image("1.35");
        Path v135 = write(dir, "1.35.bin", target);
        CliRunner.Run cut = cli.run("flash", "--device", device(",odflash_fault=cut-inside:2"), "--chip", "SST25VF040",
                v135.toString(), "--yes");
        assertThat(cut.exitCode()).as(cut.toString()).isEqualTo(3);
        assertThat(cut.err()).contains("journal");
        byte[] left = Files.readAllBytes(chip);
        assertThat(left).isNotEqualTo(before).isNotEqualTo(target);
        CliRunner.Run resumed = cli.run("flash", "--device", device(""), "--chip", "SST25VF040", v135.toString(), "--yes",
                "--json");
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.json().path("resumed").asBoolean()).isTrue();
        assertThat(Files.readAllBytes(chip)).isEqualTo(target);
    }

    @Test
    void aBlacklistedEraseOpcodeFailsSayingWhetherTheChipChanged() throws IOException {
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        // 0x20 sector, 0x52 block, 0x60/0xC7 chip erase refused by the emulated controller: no eraser works
        CliRunner.Run r = cli.run("flash", "--device", device(",spi_blacklist=2052c760"), "--chip", "SST25VF040",
                v120.toString(), "--yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("re-read").contains("journal");
    }

    @Test
    void aFailedWriteSaysFromItsReReadWhetherTheChipChangedAndWhatToDo() throws IOException {
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        byte[] before = Files.readAllBytes(chip);
        // every eraser refused by the emulated controller: nothing reaches the cells
        CliRunner.Run refused = cli.run("flash", "--device", device(",spi_blacklist=2052c760"), "--chip", "SST25VF040",
                v120.toString(), "--yes");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.err()).contains("re-read: the chip is unchanged in the regions written")
                .contains("find why the programmer failed");
        assertThat(Files.readAllBytes(chip)).as("the dummy's image file").isEqualTo(before);
        // the program opcode refused by the emulated controller: libflashrom erases, then fails to program
        CliRunner.Run half = cli.run("flash", "--device", device(",spi_blacklist=02"), "--chip", "SST25VF040",
                v120.toString(), "--yes");
        assertThat(half.exitCode()).as(half.toString()).isEqualTo(3);
        assertThat(half.err()).contains("re-read: the chip changed in 0x").contains("holds neither image there")
                .contains("before the flash is finished or the backup restored").contains("to resume");
        assertThat(Files.readAllBytes(chip)).as("the dummy's image file").isNotEqualTo(before).isNotEqualTo(image("1.20"));
    }

    @Test
    void libflashromsOwnLinesAfterAFailedWriteAreLabelledAndOdflashsVerdictConcludes() {
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        // every eraser refused: libflashrom logs its own view of the chip ("unknown state"), odflash's re-read finds it unchanged
        CliRunner.Run r = cli.run("flash", "--device", device(",spi_blacklist=2052c760"), "--chip", "SST25VF040",
                v120.toString(), "--yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        String err = r.err();
        int says = err.indexOf("libflashrom says: ");
        int verdict = err.indexOf("odflash's verdict, re-read: the chip is unchanged");
        assertThat(says).as(err).isNotNegative();
        assertThat(verdict).as(err).isGreaterThan(says);
        // libflashrom 1.3 logs "Your flash chip is in an unknown state" here: inside its labelled part, before the verdict
        assertThat(err.indexOf("unknown state")).as(err).isBetween(says, verdict);
        assertThat(err).doesNotContain("libflashrom said:");
    }

    @Test
    void anIgnoredProgramOpcodeIsCaughtByOdflashsOwnReadBack() throws IOException {
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        // 0x02 page program and 0xAD/0xAF auto-address-increment ignored by the chip: erases happen, nothing programs
        CliRunner.Run r = cli.run("flash", "--device", device(",spi_ignorelist=02adaf"), "--chip", "SST25VF040",
                v120.toString(), "--yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(5); // the content check failed (exit 5, Contracts)
        assertThat(r.err()).contains("does not take the image").contains("journal").doesNotContain("Exception");
    }

    @Test
    void w25q128fvShowsItsHardwareWriteProtectionInInfo() {
        Path big = dir.resolve("w25.bin");
        CliRunner.Run r = cli.run("info", "--device", "flashrom:dummy:emulate=W25Q128FV,hwwp=yes,spi_status=0x84,image="
                + big, "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("W25Q128FV").contains("hardware").contains("0xFC0000-0xFFFFFF");
    }

    @Test
    void everyEmulatedPartProbes() {
        // libflashrom 1.3's dummy emulates these (dummyflasher's emulate= names); each but the opaque chip has a row
        String[][] parts = {{"MX25L6436", "MX25L6436E"}, {"W25Q128FV", "W25Q128FV"}, {"SST25VF032B", "SST25VF032B"},
                {"M25P10.RES", "M25P10"}, {"S25FL128L", "S25FL128L"}, {"VARIABLE_SIZE,size=1048576", null}};
        for (String[] part : parts) {
            String emulate = part[0];
            String spec = "flashrom:dummy:emulate=" + emulate;
            CliRunner.Run r = emulate.startsWith("MX") ? cli.run("info", "--device", spec, "--chip", "MX25L6436E", "--json")
                    : cli.run("info", "--device", spec, "--json");
            assertThat(r.exitCode()).as(emulate + ": " + r).isZero();
            if (part[1] != null) { // the opaque chip is in no row on purpose
                assertThat(r.err()).as(emulate + ": a chip row maps the probed part").doesNotContain("which no chip row names");
                assertThat(r.json().path("chip").path("name").asText()).as(emulate + ": " + r).isEqualTo(part[1]);
            }
        }
    }

    @Test
    void aResOnlyM25p10IsBackedUpByteExact() throws IOException {
        // M25P10 answers RES (0xAB) only, no JEDEC RDID: the row maps it by libflashrom's name
        byte[] contents = dev.odflash.emulator.firmware.Mtk8051Firmware.generate("ASUS", "CRW-5224A", "1.10", 128 * 1024);
        Path m25 = write(dir, "m25p10.bin", contents);
        Path out = dir.resolve("m25p10-backup.bin");
        CliRunner.Run r = cli.run("backup", "--device", "flashrom:dummy:emulate=M25P10.RES,image=" + m25, "-o",
                out.toString(), "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).as("the M25P10 row maps the probed part").doesNotContain("which no chip row names");
        assertThat(r.json().path("chip").path("name").asText()).as(r.toString()).isEqualTo("M25P10");
        assertThat(Files.readAllBytes(out)).isEqualTo(contents);
        assertThat(Files.readAllBytes(m25)).as("the dummy's image file").isEqualTo(contents);
        assertThat(r.json().toString()).contains("\"passes\":2");
    }

    @Test
    void aPartLargerThan16MiBIsRefusedBeforeAnyRead() throws IOException {
        // libflashrom 1.3's dummy does not emulate W25Q256FV; its opaque chip of 32 MiB stands in for the size
        Path big = dir.resolve("big.bin");
        CliRunner.Run r = cli.run("backup", "--device", "flashrom:dummy:emulate=VARIABLE_SIZE,size=33554432,image=" + big,
                "-o", dir.resolve("big-backup.bin").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("at most 16 MiB").contains("nothing was read or written").doesNotContain("Exception");
        assertThat(dir.resolve("big-backup.bin")).doesNotExist();
    }

    @Test
    void statusOnTheClippedChipComparesWithItsBackup() throws IOException {
        // into the backup library, keyed by the identity the chip's contents carry (no drive answers for itself)
        CliRunner.Run b = cli.run("backup", "--device", device(""), "--chip", "SST25VF040");
        assertThat(b.exitCode()).as(b.toString()).isZero();
        CliRunner.Run s = cli.run("status", "--device", device(""), "--chip", "SST25VF040", "--json");
        assertThat(s.exitCode()).as(s.toString()).isZero();
        assertThat(s.json().path("verdict").path("state").asText()).as(s.toString()).isEqualTo("intact");
        assertThat(s.json().path("matchesBackups").size()).isEqualTo(1);
    }

    @Test
    void doctorChecksTheLibraryWithoutOpeningTheProgrammer() throws IOException {
        CliRunner.Run r = refusedUnchanged(0, "doctor", "--device", device(""));
        assertThat(r.out()).contains("libflashrom");
        CliRunner.Run without = new ChildCli(home).withJvmOption("-Dodflash.libflashrom=libflashrom-absent.so.9")
                .run("doctor", "--device", device(""));
        assertThat(without.exitCode()).as(without.toString()).isNotZero().isNotEqualTo(1);
        assertThat(without.out() + without.err()).contains("libflashrom1");
    }

    @Test
    void withoutTheLibraryAFlashromDeviceIsExit3NamingThePackage() {
        ChildCli without = new ChildCli(home).withJvmOption("-Dodflash.libflashrom=libflashrom-absent.so.9");
        CliRunner.Run r = without.run("info", "--device", device(""));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("libflashrom1").doesNotContain("Exception");
        assertThat(without.run("info", "--device", "emu:asus-crw-5224a").exitCode()).isZero();
    }
}
