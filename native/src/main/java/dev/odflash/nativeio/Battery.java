package dev.odflash.nativeio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * The machine's power source from sysfs ({@code class/power_supply}, Documentation/ABI/testing/sysfs-class-power):
 * on battery when no mains or USB supply is online and a battery reports a capacity (percent).
 *
 * @param onBattery no external supply is online
 * @param percent   the lowest battery capacity, when a battery reports one
 */
public record Battery(boolean onBattery, OptionalInt percent) {
    /** fwupd's default: below 30 % on battery a write is refused unless allowed. */
    public static final int MINIMUM_PERCENT = 30;

    public static Battery of(Path sys) {
        Path dir = sys.resolve("class/power_supply");
        boolean external = false;
        OptionalInt lowest = OptionalInt.empty();
        if (!Files.isDirectory(dir)) {
            return new Battery(false, lowest);
        }
        List<Path> supplies;
        try (Stream<Path> s = Files.list(dir)) {
            supplies = s.sorted().toList();
        } catch (IOException e) {
            return new Battery(false, lowest);
        }
        for (Path p : supplies) {
            String type = read(p.resolve("type")).orElse("");
            if (type.equals("Battery")) {
                Optional<Integer> c = read(p.resolve("capacity")).flatMap(Battery::number);
                if (c.isPresent() && (lowest.isEmpty() || c.get() < lowest.getAsInt())) {
                    lowest = OptionalInt.of(c.get());
                }
            } else if (read(p.resolve("online")).orElse("0").equals("1")) {
                external = true; // Mains, USB, USB_PD...
            }
        }
        return new Battery(!external && lowest.isPresent(), lowest);
    }

    /** On battery and below the minimum. */
    public boolean tooLow() {
        return onBattery && percent.isPresent() && percent.getAsInt() < MINIMUM_PERCENT;
    }

    private static Optional<Integer> number(String s) {
        try {
            return Optional.of(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> read(Path f) {
        try {
            return Optional.of(Files.readString(f, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
