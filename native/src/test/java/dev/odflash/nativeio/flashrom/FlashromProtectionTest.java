package dev.odflash.nativeio.flashrom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Write protection through libflashrom itself (issue 15 §1), on the dummy's W25Q128FV, whose status registers the
 * dummy emulates: {@code spi_status=0x84} is SRP0 with BP0, hardware mode protecting the top 256 KiB
 * (0xFC0000-0xFFFFFF, as {@code flashrom --wp-status} prints for the same parameters); {@code hwwp=yes} holds the
 * WP# pin active, {@code hwwp=no} leaves it inactive (the register writable). Each scenario runs in a child JVM
 * ({@link ProtectionScenario}); the dummy's image file is read after it ends, independently of odflash.
 */
class FlashromProtectionTest {
    private static final int SIZE = 16 << 20;
    private static final String TOP = "hardware 0xFC0000 0x40000";

    @TempDir
    Path dir;
    private Path chip;
    private byte[] before;

    @BeforeEach
    void chip() throws IOException {
        LibflashromPresent.require();
        before = new byte[SIZE];
        new Random(15).nextBytes(before);
        chip = dir.resolve("w25.bin");
        Files.write(chip, before);
    }

    @Test
    void theProtectionIsReadThroughTheWpCalls() throws Exception {
        List<String> out = run("read", "hwwp=yes,spi_status=0x84");
        assertThat(out).contains("before=known " + TOP);
        assertThat(Files.readAllBytes(chip)).isEqualTo(before);
    }

    @Test
    void aWriteOutsideTheRangeLeavesTheProtectionAsItWas() throws Exception {
        // libflashrom 1.3 lifts the protection of a writable register for the write and puts it back itself
        List<String> out = run("write-outside", "hwwp=no,spi_status=0x84");
        assertThat(out).contains("before=known " + TOP, "readback=true", "after=known " + TOP);
        byte[] after = Files.readAllBytes(chip);
        byte[] expected = before.clone();
        Arrays.fill(expected, 0, 4096, (byte) 0x11);
        assertThat(after).isEqualTo(expected);
    }

    @Test
    void unprotectClearsModeAndRangeThenTheRangeIsWritten() throws Exception {
        List<String> out = run("unprotect-then-write-inside", "hwwp=no,spi_status=0x84");
        assertThat(out).contains("before=known " + TOP, "unprotected=known disabled 0x0 0x0", "readback=true",
                "after=known disabled 0x0 0x0");
        byte[] expected = before.clone();
        Arrays.fill(expected, 0xFFF000, SIZE, (byte) 0x22);
        assertThat(Files.readAllBytes(chip)).isEqualTo(expected);
    }

    @Test
    void aPinnedProtectionDoesNotClearAndNothingIsWritten() throws Exception {
        List<String> out = run("unprotect-pinned", "hwwp=yes,spi_status=0x84");
        assertThat(out).contains("before=known " + TOP, "after=known " + TOP);
        assertThat(out).anyMatch(l -> l.startsWith("unprotect=failed") && l.contains("WP# pin"));
        assertThat(Files.readAllBytes(chip)).isEqualTo(before);
    }

    private List<String> run(String scenario, String params) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", classPath(), ProtectionScenario.class.getName(), scenario,
                params + ",image=" + chip));
        Path out = dir.resolve(scenario + ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(scenario + " did not finish in 120 s");
        }
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }

    /** Surefire runs on the module path: the child gets the test classes, the module path and the class path. */
    private static String classPath() {
        List<String> parts = new ArrayList<>();
        parts.add(Path.of("target", "test-classes").toAbsolutePath().toString());
        for (String p : new String[]{System.getProperty("jdk.module.path"), System.getProperty("java.class.path")}) {
            if (p != null && !p.isEmpty()) {
                parts.add(p);
            }
        }
        return String.join(File.pathSeparator, parts);
    }
}
