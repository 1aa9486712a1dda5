package dev.odflash.cli;

import dev.odflash.emulator.firmware.Mt1959Firmware;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MT1959 per-unit data through a clip (issue 15 §1): a BW-16D1HT's 2 MiB chip on libflashrom's dummy programmer.
 * The drive itself keeps its config at 0x3000/0x20 and calibration at 0x1F0000/0x10000 (docs/protocols.md §2.2);
 * a clip writes everything, so odflash keeps the chip's own and refuses another unit's dump. The dummy's only
 * 2 MiB part is VARIABLE_SIZE, which libflashrom probes as "Opaque flash chip": a --chip-db row names it, as a
 * user names any part the table lacks. The dummy writes its image= file at shutdown (the end of each child run).
 */
class ExternalUnitDataTest {
    private static final byte[] KEY = FirmwareFileCommandsTest.TEST_KEY;
    private static final int CONFIG = 0x3000;
    private static final int CALIBRATION = 0x1F0000;

    @TempDir
    Path home;
    @TempDir
    Path dir;
    private Path chip;
    private Path db;
    private byte[] unitA;
    private ChildCli cli;

    @BeforeEach
    void clip() throws IOException {
        LibflashromPresent.require();
        unitA = Mt1959Firmware.generate("BW-16D1HT", "3.00", KEY, Optional.of("UNIT-A-0001"));
        for (int i = CONFIG + 0x10; i < CONFIG + 0x20; i++) {
            unitA[i] ^= 0x5A; // this unit's own config bytes after the boot ID, unlike any vendor image's
        }
        chip = write(dir, "chip.bin", unitA);
        db = dir.resolve("opaque.json");
        Files.writeString(db, """
                {"chips": [{"name": "OPAQUE2M", "vendor": "libflashrom dummy", "bus": "spi", "manufacturerId": "0x00",
                  "deviceId": "0x00", "size": 2097152, "writeModel": "page:256", "programTime": {"typUs": 10, "maxUs": 20},
                  "erasers": [{"name": "block64", "regions": [{"size": 65536, "count": 32}], "time": {"typUs": 20000, "maxUs": 25000}},
                              {"name": "chip", "regions": [{"size": 2097152, "count": 1}], "time": {"typUs": 80000, "maxUs": 100000}}],
                  "readAccessNs": 70, "timingInferred": true, "flashromName": "Opaque flash chip",
                  "source": "test part: libflashrom's dummy emulate=VARIABLE_SIZE,size=2097152"}]}""");
        cli = new ChildCli(home);
    }

    private CliRunner.Run flash(byte[] image, String name) {
        Path file = write(dir, name, image);
        return cli.run("--chip-db", db.toString(), "flash", "--device", "flashrom:dummy:emulate=VARIABLE_SIZE,size=2097152,image="
                + chip, "--chip", "OPAQUE2M", file.toString(), "--yes", "--json");
    }

    @Test
    void aVendorImageIsWrittenAroundTheChipsOwnConfigAndCalibration() throws IOException {
        byte[] vendor = Mt1959Firmware.generate("BW-16D1HT", "3.02", KEY, Optional.empty()); // blank calibration
        CliRunner.Run r = flash(vendor, "3.02.bin");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("verified").asBoolean()).isTrue();
        byte[] after = Files.readAllBytes(chip);
        byte[] expected = vendor.clone();
        System.arraycopy(unitA, CONFIG, expected, CONFIG, 0x20);
        System.arraycopy(unitA, CALIBRATION, expected, CALIBRATION, 0x10000);
        assertThat(Arrays.equals(after, CALIBRATION, CALIBRATION + 0x10000, unitA, CALIBRATION, CALIBRATION + 0x10000))
                .as("the chip's calibration").isTrue();
        assertThat(Arrays.equals(after, CONFIG, CONFIG + 0x20, unitA, CONFIG, CONFIG + 0x20)).as("the chip's config").isTrue();
        assertThat(after).as("everything else is the vendor image").isEqualTo(expected);
    }

    @Test
    void anotherUnitsDumpIsRefusedAndTheChipIsUnchanged() throws IOException {
        byte[] other = Mt1959Firmware.generate("BW-16D1HT", "3.02", KEY, Optional.of("UNIT-B-0002"));
        byte[] before = Files.readAllBytes(chip);
        CliRunner.Run r = flash(other, "other.bin");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("another unit's calibration").doesNotContain("Exception");
        assertThat(Files.readAllBytes(chip)).as("the dummy's image file").isEqualTo(before);
    }

    @Test
    void thisUnitsOwnDumpOfAnotherVersionIsAccepted() throws IOException {
        // this unit's calibration, but the config as the generator writes it: the chip's own config is kept
        byte[] own = Mt1959Firmware.generate("BW-16D1HT", "3.02", KEY, Optional.of("UNIT-A-0001"));
        CliRunner.Run r = flash(own, "own.bin");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        byte[] expected = own.clone();
        System.arraycopy(unitA, CONFIG, expected, CONFIG, 0x20);
        assertThat(Files.readAllBytes(chip)).isEqualTo(expected);
    }

    @Test
    void anImageForAnotherBootLoaderIsRefusedEvenWithIncludeBoot() throws IOException {
        byte[] bu5 = Mt1959Firmware.generate("BW-16D1HT", "3.02", KEY, Optional.empty());
        dev.odflash.bytes.Ascii.put(bu5, CONFIG, 16, "MT1959 Boot BU5 ");
        Path file = write(dir, "bu5.bin", bu5);
        byte[] before = Files.readAllBytes(chip);
        CliRunner.Run r = cli.run("--chip-db", db.toString(), "flash", "--device",
                "flashrom:dummy:emulate=VARIABLE_SIZE,size=2097152,image=" + chip, "--chip", "OPAQUE2M", file.toString(),
                "--yes", "--include-boot");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("boot ID").doesNotContain("Exception");
        assertThat(Files.readAllBytes(chip)).as("the dummy's image file").isEqualTo(before);
    }

    /** A bricked chip: everything below the calibration overwritten (a flash cut short by a bad clip, say). */
    private byte[] brick() throws IOException {
        byte[] bricked = unitA.clone();
        java.util.Random r = new java.util.Random(15);
        for (int i = 0; i < CALIBRATION; i++) {
            bricked[i] = (byte) r.nextInt(256);
        }
        Files.write(chip, bricked);
        return bricked;
    }

    private CliRunner.Run restore(String... extra) {
        Path backup = write(dir, "own-backup.bin", unitA);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--chip-db", db.toString(), "flash",
                "--device", "flashrom:dummy:emulate=VARIABLE_SIZE,size=2097152,image=" + chip, "--chip", "OPAQUE2M",
                backup.toString(), "--yes"));
        args.addAll(java.util.List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void aBrickedChipIsNotFlashedWithoutANamedModel() throws IOException {
        byte[] bricked = brick();
        CliRunner.Run r = restore("--include-boot");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("--model").doesNotContain("Exception");
        assertThat(Files.readAllBytes(chip)).as("the dummy's image file").isEqualTo(bricked);
    }

    @Test
    void aBrickedChipWithANamedModelStillNeedsIncludeBoot() throws IOException {
        byte[] bricked = brick();
        CliRunner.Run r = restore("--model", "asus bw-16d1ht");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("--include-boot").doesNotContain("Exception");
        assertThat(Files.readAllBytes(chip)).as("the dummy's image file").isEqualTo(bricked);
    }

    @Test
    void aBrickedChipIsRestoredUnderTheNamedRowsRules() throws IOException {
        brick();
        CliRunner.Run r = restore("--model", "BW-16D1HT", "--include-boot", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("verified").asBoolean()).isTrue();
        assertThat(Files.readAllBytes(chip)).as("the dummy's image file").isEqualTo(unitA);
    }

    @Test
    void aBrickedChipRefusesAnotherUnitsDumpUnderTheNamedRow() throws IOException {
        byte[] bricked = brick();
        byte[] other = Mt1959Firmware.generate("BW-16D1HT", "3.00", KEY, Optional.of("UNIT-B-0002"));
        Path file = write(dir, "other.bin", other);
        CliRunner.Run r = cli.run("--chip-db", db.toString(), "flash", "--device",
                "flashrom:dummy:emulate=VARIABLE_SIZE,size=2097152,image=" + chip, "--chip", "OPAQUE2M", file.toString(),
                "--yes", "--model", "BW-16D1HT", "--include-boot");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("another unit's calibration").doesNotContain("Exception");
        assertThat(Files.readAllBytes(chip)).as("the dummy's image file").isEqualTo(bricked);
    }

    @Test
    void aModelNoRowNamesIsAUsageError() throws IOException {
        byte[] bricked = brick();
        CliRunner.Run r = restore("--model", "NO SUCH DRIVE", "--include-boot");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--model").contains("no drive-table row").doesNotContain("Exception");
        assertThat(Files.readAllBytes(chip)).as("the dummy's image file").isEqualTo(bricked);
    }

    @Test
    void aModelIsRefusedWhenTheContentsIdentifyADrive() throws IOException {
        byte[] before = Files.readAllBytes(chip);
        CliRunner.Run r = restore("--model", "HL-DT-ST BU40N", "--include-boot");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("identify").contains("BW-16D1HT").doesNotContain("Exception");
        assertThat(Files.readAllBytes(chip)).as("the dummy's image file").isEqualTo(before);
    }

    @Test
    void aCutRestoreRecordsTheNamedModelInItsJournalAndResumesWithIt() throws IOException {
        brick();
        Path backup = write(dir, "own-backup.bin", unitA);
        String device = "flashrom:dummy:emulate=VARIABLE_SIZE,size=2097152,image=" + chip;
        CliRunner.Run cut = cli.run("--chip-db", db.toString(), "flash", "--device", device + ",odflash_fault=cut-inside:1",
                "--chip", "OPAQUE2M", backup.toString(), "--yes", "--model", "BW-16D1HT", "--include-boot");
        assertThat(cut.exitCode()).as(cut.toString()).isEqualTo(3);
        assertThat(cut.err()).contains("--model BW-16D1HT");
        String journal;
        try (var files = Files.list(home.resolve("journals"))) {
            journal = Files.readString(files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow());
        }
        assertThat(journal).contains("model-named").contains("BW-16D1HT");
        CliRunner.Run resumed = cli.run("--chip-db", db.toString(), "flash", "--device", device, "--chip", "OPAQUE2M",
                backup.toString(), "--yes", "--model", "BW-16D1HT", "--include-boot", "--json");
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.json().path("resumed").asBoolean()).isTrue();
        assertThat(Files.readAllBytes(chip)).isEqualTo(unitA);
    }
}
