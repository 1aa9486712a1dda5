package dev.odflash.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bricked chip on a clip restored from the backup library (issue 15 §1): the chip's contents identify no drive,
 * so the library backup's identity (the drive it came from) is shown and must be confirmed, typed at a terminal
 * or named with --confirm-identity in a --yes run; its drive's rules then apply and the first 64 KiB need
 * --include-boot. A file outside the library is refused without --model. A CRW-5224A's SST25VF040 on libflashrom's
 * dummy; each run is a child JVM (one libflashrom session each) and the dummy's image file is read after it.
 */
class ExternalBrickedRestoreTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;
    private Path chip;
    private Path backup;
    private byte[] backedUp;
    private byte[] bricked;
    private String key;

    @BeforeEach
    void backUpThenBrick() throws IOException {
        LibflashromPresent.require();
        backedUp = image("1.10");
        chip = write(dir, "chip.bin", backedUp);
        CliRunner.Run b = new ChildCli(home).run("backup", "--device", device(), "--chip", "SST25VF040");
        assertThat(b.exitCode()).as(b.toString()).isZero();
        try (Stream<Path> files = Files.walk(home.resolve("backups"))) {
            backup = files.filter(f -> f.toString().endsWith(".bin")).findFirst().orElseThrow();
        }
        key = backup.getParent().getFileName().toString(); // no serial through a clip: the folder's name
        bricked = new byte[backedUp.length];
        new Random(15).nextBytes(bricked);
        bricked[0] = 0; // not the 8051 jump every mtk8051 image starts with: unrecognisable
        Files.write(chip, bricked);
    }

    private String device() {
        return "flashrom:dummy:emulate=SST25VF040.REMS,image=" + chip;
    }

    private CliRunner.Run flash(ChildCli cli, Path image, String... extra) {
        List<String> args = new ArrayList<>(List.of("flash", "--device", device(), "--chip", "SST25VF040",
                image.toString()));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    private void unchanged(CliRunner.Run r) throws IOException {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).doesNotContain("Exception");
        assertThat(Files.readAllBytes(chip)).as("the dummy's image file").isEqualTo(bricked);
    }

    @Test
    void aYesRunWithoutTheIdentityIsRefusedShowingIt() throws IOException {
        CliRunner.Run r = flash(new ChildCli(home), backup, "--yes", "--include-boot");
        unchanged(r);
        assertThat(r.err()).contains("library backup of ASUS CRW-5224A 1.10").contains("firmware date ")
                .contains("backed up 20").contains("identity key " + key).contains("not by --yes")
                .contains("--confirm-identity");
    }

    @Test
    void aWrongIdentityIsRefused() throws IOException {
        CliRunner.Run r = flash(new ChildCli(home), backup, "--yes", "--include-boot", "--confirm-identity", "ASUS_BW-16D1HT");
        unchanged(r);
        assertThat(r.err()).contains("not of ASUS_BW-16D1HT");
    }

    @Test
    void aConfirmedIdentityStillNeedsIncludeBootForTheFirst64KiB() throws IOException {
        CliRunner.Run r = flash(new ChildCli(home), backup, "--yes", "--confirm-identity", key);
        unchanged(r);
        assertThat(r.err()).contains("boot region (0x0000-0xFFFF)").contains("--include-boot");
    }

    @Test
    void aConfirmedIdentityRestoresTheBackupVerified() throws IOException {
        CliRunner.Run r = flash(new ChildCli(home), backup, "--yes", "--include-boot", "--confirm-identity",
                key.toLowerCase(java.util.Locale.ROOT), "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("verified").asBoolean()).isTrue();
        assertThat(Files.readAllBytes(chip)).as("the dummy's image file").isEqualTo(backedUp);
    }

    @Test
    void theIdentityIsTypedAtATerminal() throws IOException {
        CliRunner.Run no = flash(new ChildCli(home).typing("no\n"), backup, "--include-boot");
        unchanged(no);
        assertThat(no.err()).contains("Is the clipped chip this drive's?").contains("ASUS CRW-5224A");
        CliRunner.Run yes = flash(new ChildCli(home).typing("yes\nyes\n"), backup, "--include-boot");
        assertThat(yes.exitCode()).as(yes.toString()).isZero();
        assertThat(Files.readAllBytes(chip)).as("the dummy's image file").isEqualTo(backedUp);
    }

    @Test
    void aCopyOutsideTheLibraryIsRefusedWithoutModel() throws IOException {
        Path copy = write(dir, "copy.bin", Files.readAllBytes(backup));
        CliRunner.Run r = flash(new ChildCli(home), copy, "--yes", "--include-boot");
        unchanged(r);
        assertThat(r.err()).contains("backup library").contains("--model");
    }

    @Test
    void theBrickedChipItselfIsBackedUpFirstByteExactUnderTheProgrammersName() throws IOException {
        // the recipe's first step on a dead drive's chip: keep what it holds, recognisable or not
        CliRunner.Run r = new ChildCli(home).run("backup", "--device", device(), "--chip", "SST25VF040", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Path file = Path.of(r.json().path("file").asText());
        assertThat(file.getParent().getFileName().toString()).isEqualTo("flashrom_SST25VF040");
        assertThat(Files.readAllBytes(file)).as("the backup").isEqualTo(bricked);
        assertThat(Files.readAllBytes(chip)).as("the dummy's image file").isEqualTo(bricked);
    }
}
