package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.odflash.emulator.firmware.BtcFirmware;
import dev.odflash.emulator.firmware.HexWriter;
import dev.odflash.emulator.firmware.Mt1939Firmware;
import dev.odflash.emulator.firmware.Mt1959Firmware;
import dev.odflash.emulator.firmware.Mtk8051Firmware;
import dev.odflash.emulator.firmware.TsstFirmware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** identify (every layout, .bin and .hex, corruptions), convert and extract through the CLI. */
class FirmwareFileCommandsTest {
    static final byte[] TEST_KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"); // made up for tests

    @TempDir
    Path home;
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private CliRunner.Run identify(String... args) {
        String[] a = new String[args.length + 2];
        a[0] = "identify";
        System.arraycopy(args, 0, a, 1, args.length);
        a[a.length - 1] = "--json";
        return new CliRunner(home).run(a);
    }

    private void assertValid(Path f, String layout, String vendor, String product, String revision) {
        CliRunner.Run r = identify(f.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode j = r.json();
        assertThat(j.path("layout").asText()).isEqualTo(layout);
        assertThat(j.path("identity").path("vendor").asText()).isEqualTo(vendor);
        assertThat(j.path("identity").path("product").asText()).isEqualTo(product);
        assertThat(j.path("identity").path("revision").asText()).isEqualTo(revision);
    }

    private CliRunner.Run assertRefused(Path f, String reason) {
        CliRunner.Run r = new CliRunner(home).run("identify", f.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.out() + r.err()).contains(reason).doesNotContain("Exception");
        return r;
    }

    @Test
    void everyLayoutIdentifies() throws IOException {
        assertValid(write("m.bin", Mtk8051Firmware.generate("ASUS", "CRW-5224A", "1.20", 0x80000)), "mtk8051", "ASUS", "CRW-5224A", "1.20");
        assertValid(write("b.bin", BtcFirmware.generate("DRW1008IM", "0058")), "btc", "BTC", "DRW1008IM", "0058");
        assertValid(write("t.bin", TsstFirmware.mt1339("DVD-ROM TS-H353B", "SB02")), "tsst-mt1339", "TSSTcorp", "DVD-ROM TS-H353B", "SB02");
        assertValid(write("s.bin", TsstFirmware.sd616("F104")), "sd616", "SAMSUNG", "DVD-ROM SD-616F", "F104");
        assertValid(write("e.bin", Mt1939Firmware.generate("TS02")), "mt1939", "TSSTcorp", "BDDVDW SE-506CB", "TS02");
        assertValid(write("l.bin", Mt1959Firmware.generate("BW-16D1HT", "3.02", TEST_KEY, Optional.empty())), "mt1959", "ASUS", "BW-16D1HT", "3.02");
    }

    @Test
    void btcPrintsItsByteSum() throws IOException {
        byte[] img = BtcFirmware.generate("DRW1004IM", "0036");
        long sum = 0;
        for (byte b : img) {
            sum += b & 0xFF;
        }
        CliRunner.Run r = new CliRunner(home).run("identify", write("b.bin", img).toString());
        assertThat(r.out()).contains(String.format("0x%04X", sum & 0xFFFF));
    }

    @Test
    void corruptionsAreRefusedWithTheReason() throws IOException {
        byte[] mt1939 = Mt1939Firmware.generate("TS00");
        mt1939[0x123456] ^= 0x10;
        assertRefused(write("e.bin", mt1939), "checksum");
        byte[] mtk = Mtk8051Firmware.generate("ASUS", "CRW-5224A", "1.10", 0x40000);
        mtk[0x20000] = 0x55;
        assertRefused(write("m.bin", mtk), "bank 2");
        byte[] mt1959 = Mt1959Firmware.generate("BW-16D1HT", "3.00", TEST_KEY, Optional.empty());
        mt1959[0x10400 + 4] = (byte) 0xFF;
        mt1959[0x10400 + 7] = (byte) 0x7F; // start past end
        assertRefused(write("l.bin", mt1959), "CMAC table");
        assertRefused(write("cut.bin", Arrays.copyOf(mt1939, 0x1F0000)), "refuse");
        assertRefused(write("empty.bin", new byte[0]), "refuse");
    }

    @Test
    void mt1959MacsAreCheckedOnlyWithAKeyAndCalibrationIsFlagged() throws IOException {
        byte[] img = Mt1959Firmware.generate("BW-16D1HT", "3.10", TEST_KEY, Optional.of("KZ1234567"));
        Path f = write("dump.bin", img);
        Path key = write("key.txt", "000102030405060708090A0B0C0D0E0F\n".getBytes());
        Path wrong = write("wrong.bin", new byte[16]);
        CliRunner.Run r = identify(f.toString(), "--key", key.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("perUnitData").asBoolean()).isTrue();
        assertThat(r.json().path("warnings").toString()).contains("holds per-unit calibration; flash only to the unit it came from");
        assertThat(r.json().path("checks").toString()).contains("MACs match");
        CliRunner.Run noKey = identify(f.toString());
        assertThat(noKey.json().path("checks").toString()).contains("no --key given");
        CliRunner.Run bad = new CliRunner(home).run("identify", f.toString(), "--key", wrong.toString());
        assertThat(bad.exitCode()).isEqualTo(4);
        assertThat(bad.out()).contains("MAC mismatch");
    }

    @Test
    void hexIdentifiesAndConvertsToTheSameBinary() throws IOException {
        byte[] btc = BtcFirmware.generate("DRW1108IM", "0076");
        Path hex = write("btc.hex", HexWriter.banked(btc));
        assertValid(hex, "btc", "BTC", "DRW1108IM", "0076");
        Path out = Files.createDirectories(dir.resolve("out")).resolve("btc.bin"); // -o never creates its parent (docs/architecture.md "Small things")
        CliRunner.Run c = new CliRunner(home).run("convert", hex.toString(), "-o", out.toString());
        assertThat(c.exitCode()).as(c.toString()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(btc);
        assertThat(new CliRunner(home).run("convert", hex.toString(), "-o", out.toString()).exitCode()).isEqualTo(4);
        byte[] mtk = Mtk8051Firmware.generate("ASUS", "CRW-5224A", "1.35", 0x80000);
        Path plain = write("plain.hex", HexWriter.plain(mtk));
        Path out2 = dir.resolve("plain.bin");
        assertThat(new CliRunner(home).run("convert", plain.toString(), "-o", out2.toString()).exitCode()).isZero();
        assertThat(Files.readAllBytes(out2)).isEqualTo(mtk);
    }

    @Test
    void badHexIsRefusedWithTheLine() throws IOException {
        String good = new String(HexWriter.banked(BtcFirmware.generate("DRW1008IM", "0040")));
        String[] lines = good.split("\r\n");
        lines[3] = lines[3].substring(0, lines[3].length() - 2) + "00";
        assertRefused(write("sum.hex", String.join("\r\n", lines).getBytes()), "HEX line 4: checksum");
        assertRefused(write("noend.hex", good.replace(":00000001FF", "").getBytes()), "no end record");
        assertRefused(write("banks.hex", good.replace(":00000001FF", ":00000155AA\r\n:00000001FF").getBytes()), "too many banks");
        assertRefused(write("type.hex", ":020000070000F7\n:00000001FF\n".getBytes()), "unknown record type");
    }

    @Test
    void sd616DownloadBufferIsRecognisedAndConverted() throws IOException {
        byte[] file = TsstFirmware.sd616("F101");
        Path buf = write("buffer.bin", TsstFirmware.sd616DownloadBuffer(file));
        assertRefused(buf, "download buffer");
        Path out = dir.resolve("sd616.bin");
        assertThat(new CliRunner(home).run("convert", buf.toString(), "-o", out.toString()).exitCode()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(file);
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = FirmwareFileCommandsTest.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"updater-rcdata.exe", "updater-overlay.exe", "updater-zip.exe"})
    void extractRecoversTheImageByteForByte(String name) throws IOException {
        Path exe = write(name, fixture(name));
        CliRunner.Run r = new CliRunner(home).run("extract", exe.toString(), "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Path written = Path.of(r.json().path("written").get(0).path("path").asText());
        assertThat(written.getParent()).isEqualTo(dir.resolve(name + "-extracted"));
        assertThat(Files.readAllBytes(written)).isEqualTo(Mtk8051Firmware.generate("ASUS", "CRW-5224A", "1.10", 0x20000));
        CliRunner.Run again = new CliRunner(home).run("extract", exe.toString());
        assertThat(again.exitCode()).as("the same image is already there: " + again).isZero();
        assertThat(again.out()).contains("Already there: " + written);
    }

    @Test
    void extractRefusesWhatHoldsNoFirmware() throws IOException {
        Path junk = write("junk.exe", new byte[5000]);
        CliRunner.Run r = new CliRunner(home).run("extract", junk.toString());
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).contains("not a Windows executable").doesNotContain("Exception");
        CliRunner.Run upx = new CliRunner(home).run("extract", write("upx.exe", fixture("updater-upx.exe")).toString());
        assertThat(upx.exitCode()).isEqualTo(4);
        assertThat(upx.err()).contains("upx -d");
        byte[] cut = Arrays.copyOf(fixture("updater-rcdata.exe"), 300);
        CliRunner.Run truncated = new CliRunner(home).run("extract", write("cut.exe", cut).toString(), "-o", dir.resolve("o").toString());
        assertThat(truncated.exitCode()).as(truncated.toString()).isEqualTo(4);
        assertThat(truncated.err()).contains("error:").doesNotContain("Exception");
        assertThat(new CliRunner(home).run("extract", dir.resolve("missing.exe").toString()).exitCode()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"convert", "extract", "identify"})
    void newCommandsHaveHelp(String command) {
        CliRunner.Run r = new CliRunner(home).run(command, "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage:").contains("Exit codes:").containsPattern("4 +refused");
    }

    @Test
    void identifyAgainstAnEmulatedDriveShowsTheGates() throws IOException {
        Path f = write("m.bin", Mtk8051Firmware.generate("ASUS", "CRW-5224A", "1.35", 0x80000));
        CliRunner.Run r = identify(f.toString(), "--device", "emu:asus-crw-5224a");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("device").path("fits").asBoolean()).isTrue();
        Path older = write("o.bin", Mtk8051Firmware.generate("ASUS", "CRW-5224A", "1.00", 0x80000));
        CliRunner.Run o = new CliRunner(home).run("identify", older.toString(), "--device", "emu:asus-crw-5224a");
        assertThat(o.exitCode()).isEqualTo(4);
        assertThat(o.out()).contains("--allow-older");
        Path other = write("b.bin", BtcFirmware.generate("DRW1008IM", "0040"));
        CliRunner.Run b = new CliRunner(home).run("identify", other.toString(), "--device", "emu:asus-crw-5224a");
        assertThat(b.exitCode()).isEqualTo(4);
        assertThat(b.out()).contains("never across chip generations").contains("size");
    }
}
