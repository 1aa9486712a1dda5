package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.odflash.cli.EmulatedPortMachine.FN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole port sessions through the CLI, in-process: the {@code port:} forms resolved on a fake sysfs (one PIIX
 * function in compatibility mode), the session's checks run on the fake /proc and sysfs as on a real machine, and the
 * port space is the register-level emulated CRW-5224A ({@link EmulatedPortMachine}). Each refusal is checked to have
 * touched no port (the port log is empty, the function was never unbound) and to have written nothing (the emulator's
 * write count is zero and its image file unchanged).
 */
class PortSessionCommandTest {
    private static final int SECONDARY = 1;
    private static final int PRIMARY = 0;
    @TempDir
    Path root;
    @TempDir
    Path home;
    @TempDir
    Path dir;
    private Path image;
    private final byte[] v110 = FlashFixtures.image("1.10");
    private final byte[] v120 = FlashFixtures.image("1.20");

    /** The emulated drive at {@code channel} master, its flash holding 1.10. */
    private EmulatedPortMachine machine(int channel, String extra) throws IOException {
        image = FlashFixtures.write(dir, "flash.bin", v110);
        return new EmulatedPortMachine(root, home, "emu:asus-crw-5224a?image=" + image + extra, channel, 0);
    }

    private Path v120File() throws IOException {
        return FlashFixtures.write(dir, "1.20.bin", v120);
    }

    private void assertNothingTouched(EmulatedPortMachine m) throws IOException {
        assertThat(m.ports).as("no port was touched").isEmpty();
        assertThat(m.events).as("the function was never unbound").noneMatch(e -> e.startsWith("unbind"));
        assertThat(m.writeCommands).as("the emulator saw no write").isZero();
        assertThat(Files.readAllBytes(image)).as("the flash is unchanged").isEqualTo(v110);
    }

    @Test
    void infoOnAListedDriveIdentifiesItThroughAtapiTakesTheChannelAndGivesItBack() throws Exception {
        EmulatedPortMachine m = machine(SECONDARY, "").listTheDrive();
        CliRunner.Run r = m.run("info", "--device", "port:/dev/sg1");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Drive:         ASUS CRW-5224A, revision 1.10")
                .contains("Chip:          SST SST39SF040 (JEDEC 0xBF/0xB7)")
                .contains("Vendor-mode path: the I/O ports of its IDE channel through /dev/port (port:/dev/sg1);"
                        + " identified through ATAPI first");
        // the order the session runs in: ATAPI identity on the node, unbind, ports, rebind, INQUIRY on the node found again
        assertThat(m.events).containsExactly("open /dev/sg1", "unbind " + FN, "open ports 0x170",
                "bind " + FN + " ata_piix", "open /dev/sg1");
        assertThat(r.err()).contains("port session port:/dev/sg1: " + FN + " unbound from ata_piix; sysfs shows no driver bound")
                .contains("DEVICE RESET sent: Status 0x50, LBA mid/high 0x14/0xEB (the ATAPI signature)")
                .contains("found again at 3:0:0:0 on ata4 as /dev/sg1")
                .contains("INQUIRY through SG_IO answers: ASUS CRW-5224A 1.10");
        // nIEN first, the generic intro (SN 0x2A read back before Command 0x80), DEVICE RESET, nIEN cleared last
        assertThat(m.ports.getFirst()).isEqualTo("out 376=02");
        assertThat(String.join(" ", m.ports)).contains("out 173=2A in 173=2A out 177=80");
        assertThat(m.ports.indexOf("out 177=08")).isPositive().isLessThan(m.ports.lastIndexOf("out 376=00"));
        assertThat(m.ports.getLast()).isEqualTo("out 376=00");
        assertThat(m.writeCommands).isZero();
        assertThat(Files.readAllBytes(image)).isEqualTo(v110);
    }

    @Test
    void dryRunOnPort1SaysWhereItResolvedAndWhichPathItWillTakeAndTouchesNothing() throws Exception {
        EmulatedPortMachine m = machine(PRIMARY, "");
        CliRunner.Run r = m.run("info", "--device", "port:1", "--family", "mtk8051", "--dry-run");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("port:1 -> " + FN + " primary channel (0x1F0/0x3F6), legacy ports, master")
                .contains("the kernel lists no drive there")
                .contains("Path: dead-drive vendor mode").contains("--family mtk8051 (given)")
                .contains("Nothing was opened or sent");
        CliRunner.Run json = m.run("info", "--device", "port:1", "--dry-run", "--json");
        assertThat(json.json().path("function").asText()).isEqualTo(FN);
        assertThat(json.json().path("channel").asText()).isEqualTo("primary");
        assertThat(json.json().path("position").asText()).isEqualTo("master");
        assertThat(json.json().path("identification").asText()).isEqualTo("dead-drive vendor mode");
        assertNothingTouched(m);
        assertThat(m.events).isEmpty();
    }

    @Test
    void backupThroughThePortReadsTwoAgreeingPassesThatEqualTheChip() throws Exception {
        EmulatedPortMachine m = machine(SECONDARY, "").listTheDrive();
        CliRunner.Run r = m.run("backup", "--device", "port:/dev/sg1", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("passes").asInt()).isEqualTo(2);
        assertThat(r.err()).contains("read pass 2/2: 100%");
        assertThat(Files.readAllBytes(Path.of(r.json().path("file").asText()))).isEqualTo(v110);
        assertThat(r.err()).contains("INQUIRY through SG_IO answers: ASUS CRW-5224A 1.10");
        assertThat(m.writeCommands).isZero();
    }

    @Test
    void aFlashThroughThePortEndsVerifiedAndTheDriveAnswersWithTheNewFirmware() throws Exception {
        EmulatedPortMachine m = machine(SECONDARY, "").listTheDrive();
        CliRunner.Run r = m.run("flash", "--device", "port:/dev/sg1", v120File().toString(), "--yes", "--json",
                "--sysfs", m.sys().toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("verified").asBoolean()).isTrue();
        assertThat(Files.readAllBytes(image)).isEqualTo(v120);
        assertThat(Files.readAllBytes(Path.of(r.json().path("backupFile").asText()))).isEqualTo(v110);
        assertThat(m.writeCommands).isPositive();
        // after the rebind the drive boots the new firmware: INQUIRY reports 1.20
        assertThat(r.err()).contains("port session port:/dev/sg1: INQUIRY through SG_IO answers: ASUS CRW-5224A 1.20");
    }

    @Test
    void aHeldDiskOnTheFunctionRefusesTheFlashWithExit4NamingTheHolderAndTouchesNoPort() throws Exception {
        EmulatedPortMachine m = machine(SECONDARY, "").listTheDrive();
        m.list(new EmulatedPortMachine.Listed(PRIMARY, 0, 0, "ATA", "WDC WD800", "sg0", "sda", List.of("sda1")));
        m.openBy(4242, "sleep", "/dev/sda1");
        CliRunner.Run r = m.run("flash", "--device", "port:/dev/sg1", v120File().toString(), "--yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("refused to unbind " + FN + " from its driver, nothing was touched")
                .contains("/dev/sda1 is open in process 4242 (sleep)");
        assertNothingTouched(m);
        CliRunner.Run dead = m.run("info", "--device", "port:2", "--family", "mtk8051");
        assertThat(dead.exitCode()).as(dead.toString()).isEqualTo(4);
        assertThat(dead.err()).contains("/dev/sda1 is open in process 4242 (sleep)");
        assertNothingTouched(m);
    }

    @Test
    void withoutRootOrCapSysRawioTheSessionIsRefusedBeforeAnyPort() throws Exception {
        EmulatedPortMachine m = machine(PRIMARY, "");
        m.capabilities("0000000000000000", 1000);
        CliRunner.Run r = m.run("flash", "--device", "port:1", "--family", "mtk8051", v120File().toString(), "--yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("no port access, nothing was touched: root or CAP_SYS_RAWIO: not held (effective uid 1000)")
                .doesNotContain("got no signature");
        assertNothingTouched(m);
    }

    @Test
    void underKernelLockdownTheSessionIsRefusedBeforeAnyPort() throws Exception {
        EmulatedPortMachine m = machine(SECONDARY, "").listTheDrive();
        m.lockdown("none [integrity] confidentiality\n");
        CliRunner.Run r = m.run("backup", "--device", "port:/dev/sg1");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("lockdown is 'integrity': the kernel refuses /dev/port");
        assertNothingTouched(m);
    }

    @Test
    void aFreeFormPortOutsideTheScannedChannelsIsAUsageErrorAndNothingIsOpened() throws Exception {
        EmulatedPortMachine m = machine(PRIMARY, "");
        for (String form : List.of("port:0x1E8:master", "port:0x3F6:master", "port:0x378:slave")) {
            CliRunner.Run r = m.run("flash", "--device", form, "--family", "mtk8051", v120File().toString(), "--yes");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).contains("is not the command block of an IDE channel the scan found (found: 0x1F0, 0x170)");
        }
        assertThat(m.events).isEmpty();
        assertNothingTouched(m);
    }

    @Test
    void aDriveThatDoesNotAnswerInquiryAfterTheRebindIsExit3PowerCycleAfterWhatWasVerified() throws Exception {
        EmulatedPortMachine m = machine(SECONDARY, "").listTheDrive();
        m.answersAfterRebind = false;
        CliRunner.Run r = m.run("info", "--device", "port:/dev/sg1");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        String err = r.err();
        assertThat(err).contains("INQUIRY through SG_IO on /dev/sg1 failed")
                .contains("power-cycle the drive (what was verified is listed above)");
        assertThat(err.indexOf("DEVICE RESET sent")).isNotNegative().isLessThan(err.indexOf("power-cycle the drive"));
        assertThat(err.indexOf(FN + " bound to ata_piix again")).isLessThan(err.indexOf("power-cycle the drive"));
        assertThat(m.events).endsWith("bind " + FN + " ata_piix", "open /dev/sg1");
    }

    @Test
    void aDeadDriveOnPort1NeedsTheFamilyNamedAndGetsNothingSentWithoutIt() throws Exception {
        EmulatedPortMachine m = machine(PRIMARY, "");
        CliRunner.Run r = m.run("flash", "--device", "port:1", v120File().toString(), "--yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("does not answer ATAPI").contains("--family mtk8051").contains("nothing was sent");
        assertNothingTouched(m);
    }

    @Test
    void aDeadDriveWithoutASignatureOrWithAnUnknownChipIsRefusedAndNothingIsWritten() throws Exception {
        EmulatedPortMachine never = machine(PRIMARY, "&intro=never");
        CliRunner.Run r = never.run("flash", "--device", "port:1", "--family", "mtk8051", v120File().toString(), "--yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("no signature (0x70, 0x72 or 0x73)");
        assertThat(never.writeCommands).isZero();
        assertThat(Files.readAllBytes(image)).isEqualTo(v110);
        assertThat(never.events).contains("unbind " + FN).endsWith("bind " + FN + " ata_piix"); // tried, given back
    }

    @Test
    void anUnknownChipOnADeadDriveIsRefusedUntilNamed() throws Exception {
        EmulatedPortMachine m = machine(PRIMARY, "&chip=unknown");
        CliRunner.Run r = m.run("flash", "--device", "port:1", "--family", "mtk8051", v120File().toString(), "--yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("identified or named chip");
        assertThat(m.writeCommands).isZero();
        assertThat(Files.readAllBytes(image)).isEqualTo(v110);
    }

    @Test
    void aDeadDriveOnPort1WithTheFamilyIsIdentifiedFromItsFlashAndFlashedAfterATwoPassBackup() throws Exception {
        EmulatedPortMachine m = machine(PRIMARY, "");
        CliRunner.Run info = m.run("info", "--device", "port:1", "--family", "mtk8051");
        assertThat(info.exitCode()).as(info.toString()).isZero();
        assertThat(info.out()).contains("CRW-5224A").contains("dead-drive vendor mode")
                .contains("SST39SF040 (JEDEC 0xBF/0xB7)");
        assertThat(m.writeCommands).isZero();
        Path trace = dir.resolve("flash.jsonl");
        CliRunner.Run r = m.run("flash", "--device", "port:1", "--family", "mtk8051", v120File().toString(), "--yes",
                "--json", "--trace", trace.toString(), "--sysfs", m.sys().toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("verified").asBoolean()).isTrue();
        assertThat(Files.readAllBytes(Path.of(r.json().path("backupFile").asText()))).isEqualTo(v110);
        assertThat(Files.readAllBytes(image)).isEqualTo(v120);
        // the two-pass backup comes before the first erase or program: every chip byte read twice by then
        long readBeforeWrite = 0;
        boolean wrote = false;
        for (String line : Files.readAllLines(trace)) {
            JsonNode n = new ObjectMapper().readTree(line);
            String op = n.path("op").asText();
            if (op.equals("erase") || op.equals("program")) {
                wrote = true;
                break;
            }
            readBeforeWrite += op.equals("read") ? n.path("len").asLong() : 0;
        }
        assertThat(wrote).isTrue();
        assertThat(readBeforeWrite).as("bytes read before the first write").isGreaterThanOrEqualTo(2L * v110.length);
        assertThat(r.err()).contains("port session port:1: DEVICE RESET sent").contains(FN + " bound to ata_piix again");
    }
    @Test
    void anAutopagePartIsReadButNeverWrittenThroughThePorts() throws Exception {
        EmulatedPortMachine m = machine(SECONDARY, "&chip=W29C040").listTheDrive();
        CliRunner.Run backup = m.run("backup", "--device", "port:/dev/sg1", "--json");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        assertThat(Files.readAllBytes(Path.of(backup.json().path("file").asText()))).isEqualTo(v110);
        CliRunner.Run r = m.run("flash", "--device", "port:/dev/sg1", v120File().toString(), "--yes",
                "--sysfs", m.sys().toString());
        // a gate before the backup and the journal (exit 4), not a failure at the first write
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).doesNotContain("resume").doesNotContain("journal kept");
        assertThat(r.err()).contains("W29C040").contains("byte-load window").doesNotContain("Exception");
        assertThat(m.writeCommands).as("the emulator saw no write").isZero();
        assertThat(Files.readAllBytes(image)).isEqualTo(v110);
    }
}
