package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.noWriteCommand;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image checks as strict as the peers' for a file about to be flashed, seen through the CLI
 * (docs/protocols.md §4.1 OP, §4.2 CM, §4.4 BT). The synthetic images come from the emulator; the peer
 * rule under test is applied to them byte by byte here.
 */
class PeerImageRulesCommandTest {
    private static final int BANK = 0x10000;
    @TempDir
    Path home;
    @TempDir
    Path dir;
    private CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(home);
    }

    private static void put(byte[] b, int at, String s) {
        byte[] a = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(a, 0, b, at, a.length);
    }

    /**
     * OP's physical rebanked layout: 0x02 at 0x0000 and 0x4000 (the common area), "LITEONIT" at 0xFFF8,
     * and banks whose first byte is inside code (75 90 01 = MOV P1,#01), not a jump.
     */
    private static byte[] rebanked(byte[] plain) {
        byte[] b = plain.clone();
        for (int bank = 1; bank < b.length / BANK; bank++) {
            b[bank * BANK] = 0x75;
            b[bank * BANK + 1] = (byte) 0x90;
            b[bank * BANK + 2] = 0x01;
        }
        put(b, 0xFFF8, "LITEONIT");
        return b;
    }

    private CliRunner.Run flashRefusedWithoutWrites(Path flash, Path file, String... more) throws IOException {
        Path trace = dir.resolve("trace-" + System.nanoTime() + ".jsonl");
        byte[] before = Files.readAllBytes(flash);
        String[] args = new String[6 + more.length];
        args[0] = "flash";
        args[1] = "--device";
        args[2] = "emu:asus-crw-5224a?image=" + flash;
        args[3] = file.toString();
        args[4] = "--trace";
        args[5] = trace.toString();
        System.arraycopy(more, 0, args, 6, more.length);
        CliRunner.Run r = cli.run(args);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(noWriteCommand(trace)).as("the emulator saw no erase or program").isTrue();
        assertThat(Files.readAllBytes(flash)).isEqualTo(before);
        assertThat(r.err()).doesNotContain("Exception");
        return r;
    }

    @Test
    void aRebankedImageIsRecognisedButNotWrittenOverADriveThatIsNotRebanked() throws IOException {
        Path file = write(dir, "rebanked-1.20.bin", rebanked(image("1.20")));
        CliRunner.Run id = cli.run("identify", file.toString(), "--json");
        assertThat(id.exitCode()).as(id.toString()).isZero();
        assertThat(id.json().path("flashable").asBoolean()).isTrue();
        assertThat(id.out()).contains("rebanked");

        Path flash = write(dir, "flash.bin", image("1.10"));
        CliRunner.Run r = flashRefusedWithoutWrites(flash, file, "--yes", "--allow-cross-flash", "--allow-older",
                "--allow-reinstall");
        assertThat(r.err()).contains("bank layout").contains("rebanked");
        flashRefusedWithoutWrites(flash, file, "--dry-run");
    }

    @Test
    void aPlainImageIsNotWrittenOverARebankedDrive() throws IOException {
        Path flash = write(dir, "flash.bin", rebanked(image("1.10")));
        Path plain = write(dir, "plain-1.20.bin", image("1.20"));
        CliRunner.Run r = flashRefusedWithoutWrites(flash, plain, "--yes");
        assertThat(r.err()).contains("bank layout").contains("brick");
    }

    @Test
    void aRebankedImageGoesOverADriveWithTheSameLayout() throws IOException {
        Path flash = write(dir, "flash.bin", rebanked(image("1.10")));
        Path file = write(dir, "rebanked-1.20.bin", rebanked(image("1.20")));
        CliRunner.Run r = cli.run("flash", "--device", "emu:asus-crw-5224a?image=" + flash, file.toString(),
                "--yes", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(flash)).isEqualTo(rebanked(image("1.20")));
    }

    @Test
    void aBankStartingWithSjmpIsRefusedForFlashing() throws IOException {
        byte[] b = image("1.20");
        b[3 * BANK] = (byte) 0x80; // OP's fw_mtk_isokay wants 0x02 at every bank of a file it saves
        b[3 * BANK + 1] = 0x3E;
        Path file = write(dir, "sjmp.bin", b);
        CliRunner.Run id = cli.run("identify", file.toString());
        assertThat(id.exitCode()).as(id.toString()).isEqualTo(4);
        assertThat(id.out()).contains("bank 3");
        Path flash = write(dir, "flash.bin", image("1.10"));
        flashRefusedWithoutWrites(flash, file, "--yes");
    }

    @Test
    void aBankSelectMaskOfTheWrongSizeIsWarnedAbout() {
        byte[] b = image("1.20"); // 512 KiB: OP accepts only mask 0x07 here
        int at = indexOf(b, new byte[]{(byte) 0xE5, (byte) 0x90, 0x54});
        assertThat(at).isBetween(0x4000, 0xFFFA);
        b[at + 3] = 0x0F;
        CliRunner.Run r = cli.run("identify", write(dir, "mask.bin", b).toString());
        assertThat(r.out()).contains("does not appear to be valid");
        b[at + 3] = 0x07;
        assertThat(cli.run("identify", write(dir, "mask7.bin", b).toString()).out()).doesNotContain("does not appear to be valid");
    }

    @Test
    void aDateWithoutAPlausibleYearShowsAsUnknown() {
        byte[] b = image("1.20");
        int at = indexOf(b, new byte[]{0x05, (byte) 0x80, 0x00, 0x32});
        put(b, at + 36, "BUILD 7         ");
        Path file = write(dir, "date.bin", b);
        CliRunner.Run text = cli.run("identify", file.toString());
        assertThat(text.out()).contains("date unknown");
        JsonNode j = cli.run("identify", file.toString(), "--json").json();
        assertThat(j.path("identity").path("date").isNull()).as(j.toString()).isTrue();
    }

    @Test
    void relaxedIdentityRulesAreNotUsedFor1MiBImages() {
        byte[] b = new byte[0x100000];
        java.util.Arrays.fill(b, (byte) 0xFF);
        for (int bank = 0; bank < b.length; bank += BANK) {
            b[bank] = 0x02;
            b[bank + 2] = 0x30;
        }
        b[0x4000] = 0x02;
        byte[] header = {0x05, (byte) 0x80, 0x00, 0x31, 0x5B, 0x00, 0x00, 0x00}; // format 0x31: relaxed only
        System.arraycopy(header, 0, b, 0x4100, 8);
        put(b, 0x4108, "ASUS    CRW-5224A       1.20");
        CliRunner.Run r = cli.run("identify", write(dir, "old.bin", b).toString(), "--json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.json().path("identity").isNull()).isTrue();
    }

    @Test
    void anIntelHexFileWithATextHeaderIsReadAsHex() throws IOException {
        byte[] img = image("1.10");
        StringBuilder hex = new StringBuilder("Firmware for ASUS CRW-5224A\r\nversion 1.10\r\n");
        for (int at = 0; at < img.length; at += 16) {
            hex.append(record(at, img, 16));
        }
        hex.append(":00000001FF\r\n");
        Path file = dir.resolve("with-header.hex");
        Files.writeString(file, hex, StandardCharsets.US_ASCII);
        CliRunner.Run r = cli.run("identify", file.toString(), "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("form").asText()).isEqualTo("Intel-HEX");
        assertThat(r.json().path("size").asLong()).isEqualTo(img.length);
        assertThat(r.json().path("decodeWarnings").toString()).contains("skipped");
    }

    /** One plain Intel-HEX data record with a 16-bit address and extended linear records as needed. */
    private static String record(int at, byte[] img, int n) {
        StringBuilder sb = new StringBuilder();
        if ((at & 0xFFFF) == 0) {
            int upper = at >>> 16;
            int sum = 2 + 4 + (upper >> 8) + (upper & 0xFF);
            sb.append(String.format(":02000004%04X%02X\r\n", upper, -sum & 0xFF));
        }
        int sum = n + (at >> 8 & 0xFF) + (at & 0xFF);
        sb.append(String.format(":%02X%04X00", n, at & 0xFFFF));
        for (int i = 0; i < n; i++) {
            sb.append(String.format("%02X", img[at + i] & 0xFF));
            sum += img[at + i] & 0xFF;
        }
        return sb.append(String.format("%02X\r\n", -sum & 0xFF)).toString();
    }

    @Test
    void anMt1939ImageWithTheSignatureTableEmptiedIsRefused() throws IOException {
        byte[] b = Files.readAllBytes(DownloadRuns.image(dir, "samsung-se506cb", "TS02"));
        // coastermelt checksum.py --fix: 0xFFFFFFFF over the first flag at 0x10400, then the BE16 sum
        // of 0x10000-0x1E1FFF at 0x1FFFFE
        for (int i = 0; i < 4; i++) {
            b[0x10400 + i] = (byte) 0xFF;
        }
        int sum = 0;
        for (int i = 0x10000; i < 0x1E2000; i++) {
            sum += b[i] & 0xFF;
        }
        b[0x1FFFFE] = (byte) (sum >> 8);
        b[0x1FFFFF] = (byte) sum;
        Path fixed = write(dir, "fixed.bin", b);
        CliRunner.Run id = cli.run("identify", fixed.toString());
        assertThat(id.exitCode()).as(id.toString()).isEqualTo(4);
        assertThat(id.out()).contains("signature table").contains("empty").contains("checksum.py");
        CliRunner.Run r = DownloadRuns.refusedWithoutDownload(home, dir, "flash", "--device", "emu:samsung-se506cb",
                fixed.toString(), "--yes", "--without-backup");
        assertThat(r.err()).contains("signature table");
    }

    private static int indexOf(byte[] b, byte[] what) {
        outer:
        for (int i = 0x4000; i + what.length <= b.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
