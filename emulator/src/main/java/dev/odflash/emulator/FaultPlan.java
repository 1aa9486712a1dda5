package dev.odflash.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Seeded, repeatable faults from {@code ?fault=} (architecture.md "Contracts"): a comma-separated
 * list; counts start at 1; one SCSI command or one chip-channel call counts as one command.
 * This version models {@code powerloss@cmd:N} (power lost during the Nth command: the drive answers
 * nothing more in this run and restarts from its flash next time), {@code timeout@cmd:N} (the Nth
 * command times out, the drive goes on) and {@code seed=S}.
 */
public record FaultPlan(List<Long> powerLossAtCommand, List<Long> timeoutAtCommand, long seed) {
    public static final FaultPlan NONE = new FaultPlan(List.of(), List.of(), 0);

    public FaultPlan {
        powerLossAtCommand = List.copyOf(powerLossAtCommand);
        timeoutAtCommand = List.copyOf(timeoutAtCommand);
    }

    public static FaultPlan parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Long> power = new ArrayList<>();
        List<Long> timeout = new ArrayList<>();
        long seed = 0;
        for (String raw : text.split(",")) {
            String item = raw.strip();
            if (item.startsWith("seed=")) {
                seed = parseCount(item, item.substring(5), false);
            } else if (item.startsWith("powerloss@cmd:")) {
                power.add(parseCount(item, item.substring("powerloss@cmd:".length()), true));
            } else if (item.startsWith("timeout@cmd:")) {
                timeout.add(parseCount(item, item.substring("timeout@cmd:".length()), true));
            } else if (item.startsWith("powerloss@erase:") || item.startsWith("powerloss@program:")
                    || item.startsWith("flip:") || item.startsWith("lie@program:")) {
                throw new IllegalArgumentException("fault '" + item + "' is not modelled in this version"
                        + " (available: powerloss@cmd:N, timeout@cmd:N, seed=S)");
            } else {
                throw new IllegalArgumentException("unknown fault '" + item
                        + "' (available: powerloss@cmd:N, timeout@cmd:N, seed=S)");
            }
        }
        return new FaultPlan(power, timeout, seed);
    }

    private static long parseCount(String item, String number, boolean positive) {
        try {
            long n = Long.parseLong(number);
            if (positive && n < 1) {
                throw new IllegalArgumentException("fault '" + item + "': counts start at 1");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault '" + item + "': '" + number + "' is not a number");
        }
    }

    public boolean powerLossAt(long command) {
        return powerLossAtCommand.contains(command);
    }

    public boolean timeoutAt(long command) {
        return timeoutAtCommand.contains(command);
    }

    public OptionalLong firstPowerLoss() {
        return powerLossAtCommand.stream().mapToLong(Long::longValue).min();
    }
}
