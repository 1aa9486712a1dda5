package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odflash.emulator.firmware.Mtk8051Firmware;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Images and trace checks shared by the flash, status and campaign tests. */
final class FlashFixtures {
    static final int SIZE = 512 * 1024;

    private FlashFixtures() {
    }

    static byte[] image(String version) {
        return Mtk8051Firmware.generate("ASUS", "CRW-5224A", version, SIZE);
    }

    static Path write(Path dir, String name, byte[] content) {
        try {
            Path f = dir.resolve(name);
            Files.write(f, content);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A chip-style flash of {@code target} cut by a power loss during its 5th erase: the drive is left
     * half-written and the journal kept (exit 3), as the journal tests need it.
     */
    static void interruptedFlash(CliRunner cli, String device, Path target) {
        CliRunner.Run cut = cli.run("flash", "--device", device + "&fault=powerloss@erase:5,seed=7", target.toString(), "--yes");
        org.assertj.core.api.Assertions.assertThat(cut.exitCode()).as(cut.toString()).isEqualTo(3);
    }

    /** The chip-channel operations recorded in a --trace file ("erase", "program", ...). */
    static List<String> ops(Path trace) {
        List<String> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(trace)) {
                JsonNode n = new ObjectMapper().readTree(line);
                if (n.has("op")) {
                    out.add(n.path("op").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** True when the trace shows no erase or program command: a refused gate wrote nothing. */
    static boolean noWriteCommand(Path trace) {
        return ops(trace).stream().noneMatch(op -> op.equals("erase") || op.equals("program"));
    }

    /** A sysfs root under {@code dir} whose only power supply is a battery at {@code percent}, mains offline. */
    static Path sysOnBattery(Path dir, int percent) throws IOException {
        Path ps = dir.resolve("root/sys/class/power_supply");
        Files.createDirectories(ps.resolve("BAT0"));
        Files.createDirectories(ps.resolve("AC"));
        Files.writeString(ps.resolve("BAT0/type"), "Battery\n");
        Files.writeString(ps.resolve("BAT0/capacity"), percent + "\n");
        Files.writeString(ps.resolve("AC/type"), "Mains\n");
        Files.writeString(ps.resolve("AC/online"), "0\n");
        return dir.resolve("root/sys");
    }
}
