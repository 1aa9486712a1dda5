package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.odflash.cli.FlashFixtures.SIZE;
import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a chip-style flash reads (docs/architecture.md safety rules 2 and 5): the two backup passes and one whole-chip
 * read after the write, which is the verify; no step is read back on its own in between (each such read-back was a
 * second read of bytes the verify reads anyway, about a quarter of a flash's device time on the register-level drive).
 */
class ChipWriteReadsTest {
    @TempDir
    Path dir;

    @Test
    void aFlashReadsTheChipThreeTimesTwoBackupPassesAndTheVerify() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path target = write(dir, "1.20.bin", image("1.20"));
        Path trace = dir.resolve("t.jsonl");
        CliRunner.Run r = new CliRunner(dir.resolve("home")).run("flash", "--device", "emu:asus-crw-5224a?image=" + flash,
                target.toString(), "--yes", "--json", "--trace", trace.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("verified").asBoolean()).isTrue();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.20"));
        long readBytes = 0;
        long erases = 0;
        long lastWrite = -1;
        long firstReadAfterWrite = -1;
        long line = 0;
        ObjectMapper json = new ObjectMapper();
        for (String text : Files.readAllLines(trace)) {
            line++;
            JsonNode n = json.readTree(text);
            String op = n.path("op").asText();
            if (op.equals("read")) {
                readBytes += n.path("len").asLong();
                if (lastWrite >= 0 && firstReadAfterWrite < 0) {
                    firstReadAfterWrite = line;
                }
            } else if (op.equals("erase") || op.equals("program")) {
                erases += op.equals("erase") ? 1 : 0;
                lastWrite = line;
            }
        }
        assertThat(erases).as("the flash erases something").isPositive();
        assertThat(readBytes).as("bytes read: two backup passes and one verify").isEqualTo(3L * SIZE);
        assertThat(firstReadAfterWrite).as("no read between the first erase or program and the last").isGreaterThan(lastWrite);
    }
}
