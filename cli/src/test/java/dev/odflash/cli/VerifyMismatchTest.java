package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * `verify` that finds a difference ends in exit 5 with the contract's mismatch failure (docs/architecture.md
 * "Contracts"): with --json one error document whose error.mismatch holds firstOffset, count and every range
 * as {offset, length}, exactly as flash reports a failed read-back.
 */
class VerifyMismatchTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    /** The drive's 1.10 with 3 bytes changed at 0x12345 and one at 0x50000. */
    private static byte[] changed() {
        byte[] b = image("1.10");
        for (int at : new int[] {0x12345, 0x12346, 0x12347, 0x50000}) {
            b[at] ^= (byte) 0xFF;
        }
        return b;
    }

    @Test
    void aDifferenceIsAnErrorMismatchWithItsRanges() {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path other = write(dir, "other.bin", changed());
        CliRunner.Run r = new CliRunner(home).run("verify", "--device", "emu:asus-crw-5224a?image=" + flash,
                other.toString(), "--json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
        JsonNode error = r.json().path("error");
        assertThat(error.path("exitCode").asInt()).as(r.toString()).isEqualTo(5);
        assertThat(error.path("kind").asText()).isEqualTo("mismatch");
        assertThat(error.path("message").asText()).contains(other.toString()).contains("0x012345");
        JsonNode m = error.path("mismatch");
        assertThat(m.path("firstOffset").asLong()).isEqualTo(0x12345);
        assertThat(m.path("count").asLong()).isEqualTo(4);
        assertThat(m.path("ranges").toString()).isEqualTo(
                "[{\"offset\":" + 0x12345 + ",\"length\":3},{\"offset\":" + 0x50000 + ",\"length\":1}]");
        assertThat(r.err()).contains("error: the drive differs from");
    }

    @Test
    void asTextTheRangesAreListedAndTheErrorSaid() {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path other = write(dir, "other.bin", changed());
        CliRunner.Run r = new CliRunner(home).run("verify", "--device", "emu:asus-crw-5224a?image=" + flash,
                other.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
        assertThat(r.out()).contains("0x012345-0x012347 (3 bytes)").contains("0x050000-0x050000 (1 bytes)");
        assertThat(r.err()).contains("first difference at 0x012345, 4 bytes differ in 2 ranges");
    }

    @Test
    void identicalIsNoError() {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path same = write(dir, "same.bin", image("1.10"));
        CliRunner.Run r = new CliRunner(home).run("verify", "--device", "emu:asus-crw-5224a?image=" + flash,
                same.toString(), "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().has("error")).isFalse();
        assertThat(r.json().path("identical").asBoolean()).isTrue();
    }
}
