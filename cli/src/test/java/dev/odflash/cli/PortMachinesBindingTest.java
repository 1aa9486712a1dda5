package dev.odflash.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The port forms' test seam stays a test seam: the scoped value that replaces the machine a port run reaches
 * ({@link PortMachines#IN_PROCESS}) is declared once and bound by no main code, so a user of the built program
 * cannot select a fake machine and bypass the checks on a real one (PortMachines says why that is safe).
 */
class PortMachinesBindingTest {
    private static final Path MAIN = Files.isDirectory(Path.of("cli/src/main/java")) ? Path.of("cli/src/main/java")
            : Path.of("src/main/java");

    @Test
    void theInProcessMachineIsDeclaredOnceAndNeverBoundByMainCode() throws IOException {
        List<Path> mentions;
        try (Stream<Path> files = Files.walk(MAIN)) {
            mentions = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return Files.readString(p).contains("IN_PROCESS");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertThat(mentions).as("main sources naming the in-process machine")
                .extracting(p -> p.getFileName().toString()).containsExactly("PortMachines.java");
        String declaring = Files.readString(mentions.getFirst());
        assertThat(declaring).contains("static final ScopedValue<PortMachine> IN_PROCESS = ScopedValue.newInstance();")
                .doesNotContainPattern("(?m)^\\s*+(?![*/])[^\n]*ScopedValue\\.where\\("); // in code, not in comments
        assertThat(PortMachines.current().roots()).as("outside a binding: this machine's /sys, /proc and /dev/port")
                .isEqualTo(dev.odflash.nativeio.PortDevices.Roots.system());
    }
}
