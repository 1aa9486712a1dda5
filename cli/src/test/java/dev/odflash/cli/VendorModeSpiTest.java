package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odflash.emulator.firmware.Mtk8051Firmware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The serial-flash vendor mode (docs/protocols.md §2.6.4) through the CLI: the emulated drive answers the intro with
 * 0x72 (or 0x73) and serves the SPI mailbox itself; the host identifies the part by REMS and drives it with SPI
 * commands through the mailbox.
 */
class VendorModeSpiTest {
    @TempDir
    Path dir;

    private static byte[] image(String version, int size) {
        return Mtk8051Firmware.generate("PLDS", "DG-16D2S", version, size);
    }

    private static List<JsonNode> lines(Path trace) throws Exception {
        ObjectMapper json = new ObjectMapper();
        return Files.readAllLines(trace).stream().map(l -> {
            try {
                return json.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void aBackupThroughTheMailboxEqualsTheFlashAndTheIntroIsAnsweredWith0x72() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10", 256 * 1024));
        Path out = dir.resolve("b.bin");
        Path trace = dir.resolve("t.jsonl");
        CliRunner.Run r = new CliRunner(dir.resolve("home")).run("backup", "--device", "emu:mtk8051-spi?image=" + flash,
                "-o", out.toString(), "--trace", trace.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(flash));
        assertThat(lines(trace)).anyMatch(n -> n.path("name").asText().equals("status") && n.path("value").asInt() == 0x72)
                .anyMatch(n -> n.path("name").asText().equals("command") && n.path("value").asInt() == 0x05);
    }

    @Test
    void infoNamesTheSerialPartFoundByRems() {
        CliRunner.Run r = new CliRunner(dir.resolve("home")).run("info", "--device", "emu:mtk8051-spi", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("MX25L2005");
    }

    @Test
    void aFlashOfASerialPartVerifies() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10", 256 * 1024));
        Path target = write(dir, "1.20.bin", image("1.20", 256 * 1024));
        CliRunner.Run r = new CliRunner(dir.resolve("home")).run("flash", "--device", "emu:mtk8051-spi?image=" + flash,
                target.toString(), "--yes", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("verified").asBoolean()).isTrue();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.20", 256 * 1024));
    }

    @Test
    void theSwappedLengthLayoutOf0x73WorksToo() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10", 256 * 1024));
        Path target = write(dir, "1.20.bin", image("1.20", 256 * 1024));
        CliRunner.Run r = new CliRunner(dir.resolve("home")).run("flash", "--device",
                "emu:mtk8051-spi?spi=0x73&image=" + flash, target.toString(), "--yes", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.20", 256 * 1024));
    }

    @Test
    void anSstPartIsProgrammedByAutoAddressIncrement() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10", 512 * 1024));
        Path target = write(dir, "1.20.bin", image("1.20", 512 * 1024));
        Path trace = dir.resolve("t.jsonl");
        CliRunner.Run r = new CliRunner(dir.resolve("home")).run("flash", "--device",
                "emu:mtk8051-spi?chip=SST25VF040&image=" + flash, target.toString(), "--yes", "--json",
                "--trace", trace.toString(), "--trace-registers");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.20", 512 * 1024));
        // AAI 0xAF went into the mailbox's first slot; SST25VF0x0 has no page program (0x02 into slot 0 never)
        assertThat(Files.readString(trace)).contains("\"name\":\"sn\",\"value\":175");
    }

    @Test
    void aProtectedRangeTheFlashWritesIsRefusedBeforeAnyErase() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10", 256 * 1024));
        Path target = write(dir, "1.20.bin", image("1.20", 256 * 1024));
        Path stats = dir.resolve("stats.json");
        CliRunner.Run r = new CliRunner(dir.resolve("home")).run("flash", "--device",
                "emu:mtk8051-spi?bp=0x8C&image=" + flash + "&stats=" + stats, target.toString(), "--yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("write protection").contains("--allow-unprotect");
        assertThat(EmulatorCountersFile.counter(stats, "writeCommands")).isZero();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.10", 256 * 1024));
    }

    /**
     * The block-protect bits are read at the end of the backup read's vendor-mode session, not in one of their own:
     * one intro for identifying the part, one for the backup, one for the write (each intro costs its fixed waits).
     * That they are still read and still refuse a plan over a locked range: the test above.
     */
    @Test
    void aFlashEntersVendorModeOnceForTheBackupAndOnceForTheWrite() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10", 256 * 1024));
        Path target = write(dir, "1.20.bin", image("1.20", 256 * 1024));
        Path trace = dir.resolve("t.jsonl");
        CliRunner.Run r = new CliRunner(dir.resolve("home")).run("flash", "--device", "emu:mtk8051-spi?image=" + flash,
                target.toString(), "--yes", "--trace", trace.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<JsonNode> lines = lines(trace);
        long intros = lines.stream().filter(n -> n.path("name").asText().equals("command") && n.path("value").asInt() == 0x80)
                .count();
        assertThat(intros).as("intros: identify, backup read, write").isEqualTo(3);
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.20", 256 * 1024));
    }

    @Test
    void allowUnprotectClearsTheBitsFirstAndTheFlashVerifies() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10", 256 * 1024));
        Path target = write(dir, "1.20.bin", image("1.20", 256 * 1024));
        CliRunner.Run r = new CliRunner(dir.resolve("home")).run("flash", "--device",
                "emu:mtk8051-spi?bp=0x8C&image=" + flash, target.toString(), "--yes", "--allow-unprotect", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.20", 256 * 1024));
    }

    /**
     * A serial part has no erase-fail bit: a worn block clears WIP without erasing. The erase is read back (as
     * flashrom checks every erase), so the flash stops there instead of programming over cells that kept their bits.
     */
    @Test
    void aBlockThatDidNotEraseIsCaughtByTheReadBackBeforeAnyProgramOverIt() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10", 256 * 1024));
        Path target = write(dir, "1.20.bin", image("1.20", 256 * 1024));
        Path stats = dir.resolve("stats.json");
        byte[] from = image("1.10", 256 * 1024);
        byte[] to = image("1.20", 256 * 1024);
        int changed = 0x10000; // the last 4 KiB sector outside the boot region that the flash rewrites
        for (int i = 0x10000; i < to.length; i++) {
            if (from[i] != to[i]) {
                changed = i;
            }
        }
        String worn = String.format("0x%X", changed - changed % 4096);
        CliRunner.Run r = new CliRunner(dir.resolve("home")).run("flash", "--device",
                "emu:mtk8051-spi?image=" + flash + "&stats=" + stats + "&fault=worn:" + worn, target.toString(), "--yes");
        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.err()).as(r.toString()).contains("erase");
        assertThat(EmulatorCountersFile.counter(stats, "wornFailures")).as("the worn block was erased").isPositive();
        assertThat(EmulatorCountersFile.counter(stats, "violations")).as("no program over unerased cells").isZero();
    }

    @Test
    void aBadBpValueIsAUsageError() {
        CliRunner.Run r = new CliRunner(dir.resolve("home")).run("info", "--device", "emu:mtk8051-spi?bp=0x1FF");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("bp=");
    }

    /** W25P20 and W25X20 both answer REMS EF/11 (JungleFlasher's table, the W25X20 data sheet): RDID decides. */
    @Test
    void twoPartsSharingARemsIdAreToldApartByRdid() {
        CliRunner.Run x = new CliRunner(dir.resolve("home")).run("info", "--device", "emu:mtk8051-spi?chip=W25X20",
                "--json");
        assertThat(x.exitCode()).as(x.toString()).isZero();
        assertThat(x.out()).contains("W25X20").doesNotContain("unknown flash chip");
        CliRunner.Run p = new CliRunner(dir.resolve("home")).run("info", "--device", "emu:mtk8051-spi?chip=W25P20",
                "--json");
        assertThat(p.exitCode()).as(p.toString()).isZero();
        assertThat(p.out()).contains("W25P20").doesNotContain("unknown flash chip");
    }

    /** A part whose REMS ID no row has: read, never written (JungleFlasher refuses write and erase too). */
    @Test
    void aSerialPartNoRowAnswersIsNeverWritten() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10", 256 * 1024));
        Path target = write(dir, "1.20.bin", image("1.20", 256 * 1024));
        Path db = dir.resolve("odd.json");
        Files.writeString(db, """
                {"format": "odflash-chips/1", "chips": [
                  {"name": "ODD25X20", "aliases": [], "vendor": "Test", "bus": "spi",
                   "manufacturerId": "0x5E", "deviceId": "0x4012", "size": 262144, "voltage": "2.7-3.6 V",
                   "writeModel": "page:256", "programTime": {"typUs": 1500, "maxUs": 3000},
                   "erasers": [
                     {"name": "sector", "regions": [{"size": 4096, "count": 64}], "time": {"typUs": 60000, "maxUs": 120000}},
                     {"name": "chip", "regions": [{"size": 262144, "count": 1}], "time": {"typUs": 4000000, "maxUs": 6000000}}
                   ],
                   "readAccessNs": 242.4, "timingInferred": true, "tested": "untested", "source": "test row (inference)"}
                ]}
                """);
        Path stats = dir.resolve("stats.json");
        CliRunner.Run r = new CliRunner(dir.resolve("home")).run("flash", "--device", "emu:mtk8051-spi?chip=ODD25X20&image="
                + flash + "&stats=" + stats, target.toString(), "--yes", "--chip-db", db.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("unknown flash chip");
        assertThat(EmulatorCountersFile.counter(stats, "writeCommands")).isZero();
    }
}
