package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 §5 bounds: with --device, FILE is at most the target's flash (not the largest chip in the
 * table), and --key is exactly 16 raw bytes or 32 hex digits with an optional line end.
 */
class TargetBoundTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    @Test
    void flashAndVerifyRefuseAFileLargerThanTheDrivesFlash() throws IOException {
        Path flash = write(dir, "flash.bin", image("1.10")); // a 512 KiB chip; the table's largest is 2 MiB
        String device = "emu:asus-crw-5224a?image=" + flash;
        byte[] big = new byte[1 << 20];
        System.arraycopy(image("1.20"), 0, big, 0, image("1.20").length);
        Path file = write(dir, "big.bin", big);
        Path trace = dir.resolve("t.jsonl");
        CliRunner cli = new CliRunner(home);
        CliRunner.Run f = cli.run("flash", "--device", device, file.toString(), "--yes", "--trace", trace.toString());
        assertThat(f.exitCode()).as(f.toString()).isEqualTo(4);
        assertThat(f.err()).contains("larger than the drive's flash (524288 bytes)");
        assertThat(FlashFixtures.noWriteCommand(trace)).isTrue();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.10"));
        CliRunner.Run v = cli.run("verify", "--device", device, file.toString());
        assertThat(v.exitCode()).as(v.toString()).isEqualTo(4);
        assertThat(v.err()).contains("larger than the drive's flash (524288 bytes)");
        // a file of the drive's size is read and compared as before
        assertThat(cli.run("verify", "--device", device, flash.toString()).exitCode()).isZero();
    }

    @Test
    void aKeyIsExactly16BytesOr32HexDigits() throws IOException {
        Path firmware = write(dir, "fw.bin", image("1.10"));
        CliRunner cli = new CliRunner(home);
        String hex = "000102030405060708090A0B0C0D0E0F";
        for (String ok : new String[] {hex, hex + "\n", hex + "\r\n"}) {
            Path k = write(dir, "ok" + ok.length() + ".key", ok.getBytes(StandardCharsets.US_ASCII));
            assertThat(cli.run("identify", firmware.toString(), "--key", k.toString()).exitCode()).as(ok).isZero();
        }
        assertThat(cli.run("identify", firmware.toString(), "--key",
                write(dir, "raw.key", new byte[16]).toString()).exitCode()).isZero();
        for (String bad : new String[] {"00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F", " " + hex, hex + "\n\n",
                hex.substring(2) + "\n", "x".repeat(17)}) {
            Path k = write(dir, "bad.key", bad.getBytes(StandardCharsets.US_ASCII));
            CliRunner.Run r = cli.run("identify", firmware.toString(), "--key", k.toString());
            assertThat(r.exitCode()).as(bad + "\n" + r).isEqualTo(bad.length() > 34 ? 4 : 2);
            assertThat(r.err()).contains("--key");
        }
    }
}
