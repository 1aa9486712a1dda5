package dev.odflash.emulator;

import dev.odflash.emulator.chip.ChipFaults;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Seeded, repeatable faults from {@code ?fault=} (docs/architecture.md "Contracts" → "Emulated drives"):
 * a comma-separated list; counts start at 1; {@code seed=S} (default 0) seeds every
 * random choice, so the same list gives the same bytes, times and counters on every run.
 *
 * <p>Drive-level items count commands since open (one SCSI command, one chip-channel call on a modelled
 * channel, or one write of the Command register on the register-level 8051-era drive is one command):
 * <ul>
 * <li>{@code powerloss@cmd:N}: power lost during the Nth command, which does not complete (nothing of it
 *     reaches the flash or the drive's state, on every personality: {@code core.CommandFaults}); the drive
 *     persists its flash, answers nothing more in this run (NO_ANSWER) and restarts from its flash on the
 *     next open.</li>
 * <li>{@code timeout@cmd:N}: the Nth command times out; the drive goes on.</li>
 * <li>{@code badsense@cmd:N}: the Nth (SCSI) command ends in CHECK CONDITION with bytes that are no sense
 *     format (response code 0x00, 4 bytes); the drive goes on.</li>
 * <li>{@code reset@cmd:N}: a bus reset just before the Nth command: vendor mode is left (chip-channel
 *     calls fail until the next Vendor Intro) and the next SCSI command reports UNIT ATTENTION 6/29/00.</li>
 * <li>{@code busy@cmd:N}, {@code garbage@cmd:N}, {@code modelost@cmd:N} (register-level drive only): after the Nth
 *     Command write Status stays busy (0xD0); Sector Number reads back garbage once; the drive leaves vendor mode
 *     (answers 0x51 again).</li>
 * </ul>
 * Chip-level items ({@link ChipFaults}) count the erase or program calls the chip accepts:
 * <ul>
 * <li>{@code powerloss@erase:K}, {@code powerloss@program:K}: power lost part-way through the Kth
 *     erase / program: the block is left partly erased, the range partly programmed, then as
 *     powerloss@cmd.</li>
 * <li>{@code lie@program:K}: the Kth program call reports READY and writes nothing.</li>
 * <li>{@code worn:ADDRESS}: a worn-out block: every erase or program call whose range covers ADDRESS
 *     fails (the chip reports an error, as DQ5 / E_ERR do) and changes nothing, in every run the
 *     fault is given.</li>
 * <li>{@code flip:P}: each bit of data read through the chip channel flips with probability P (0..1);
 *     the flash itself is not changed.</li>
 * </ul>
 */
public record FaultPlan(List<Long> powerLossAtCommand, List<Long> timeoutAtCommand, List<Long> resetAtCommand,
                        List<Long> badSenseAtCommand, ChipFaults chipFaults, long seed, List<Long> busyAtCommand,
                        List<Long> garbageAtCommand, List<Long> modeLostAtCommand) {
    public static final FaultPlan NONE = new FaultPlan(List.of(), List.of(), List.of(), List.of(), ChipFaults.NONE, 0);

    public FaultPlan(List<Long> powerLossAtCommand, List<Long> timeoutAtCommand, List<Long> resetAtCommand,
                     List<Long> badSenseAtCommand, ChipFaults chipFaults, long seed) {
        this(powerLossAtCommand, timeoutAtCommand, resetAtCommand, badSenseAtCommand, chipFaults, seed,
                List.of(), List.of(), List.of());
    }

    private static final String AVAILABLE = "available: powerloss@cmd:N, powerloss@erase:K, powerloss@program:K,"
            + " lie@program:K, worn:ADDRESS, timeout@cmd:N, reset@cmd:N, badsense@cmd:N, busy@cmd:N, garbage@cmd:N,"
            + " modelost@cmd:N, flip:P, seed=S";

    public FaultPlan {
        powerLossAtCommand = List.copyOf(powerLossAtCommand);
        timeoutAtCommand = List.copyOf(timeoutAtCommand);
        resetAtCommand = List.copyOf(resetAtCommand);
        badSenseAtCommand = List.copyOf(badSenseAtCommand);
        busyAtCommand = List.copyOf(busyAtCommand);
        garbageAtCommand = List.copyOf(garbageAtCommand);
        modeLostAtCommand = List.copyOf(modeLostAtCommand);
    }

    public static FaultPlan parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Long> power = new ArrayList<>();
        List<Long> timeout = new ArrayList<>();
        List<Long> reset = new ArrayList<>();
        List<Long> badSense = new ArrayList<>();
        List<Long> worn = new ArrayList<>();
        List<Long> eraseLoss = new ArrayList<>();
        List<Long> programLoss = new ArrayList<>();
        List<Long> lies = new ArrayList<>();
        List<Long> busy = new ArrayList<>();
        List<Long> garbage = new ArrayList<>();
        List<Long> modeLost = new ArrayList<>();
        Double flip = null;
        long seed = 0;
        for (String raw : text.split(",", -1)) {
            String item = raw.strip();
            if (item.startsWith("seed=")) {
                seed = parseCount(item, item.substring(5), false);
            } else if (item.startsWith("worn:")) {
                worn.add(parseAddress(item, item.substring(5)));
            } else if (item.startsWith("flip:")) {
                if (flip != null) {
                    throw new IllegalArgumentException("fault '" + item + "': flip is given twice");
                }
                flip = parseProbability(item, item.substring(5));
            } else {
                List<Long> target = switch (item.contains(":") ? item.substring(0, item.indexOf(':')) : item) {
                    case "powerloss@cmd" -> power;
                    case "timeout@cmd" -> timeout;
                    case "reset@cmd" -> reset;
                    case "badsense@cmd" -> badSense;
                    case "powerloss@erase" -> eraseLoss;
                    case "powerloss@program" -> programLoss;
                    case "lie@program" -> lies;
                    case "busy@cmd" -> busy;
                    case "garbage@cmd" -> garbage;
                    case "modelost@cmd" -> modeLost;
                    default -> throw new IllegalArgumentException("unknown fault '" + item + "' (" + AVAILABLE + ")");
                };
                if (!item.contains(":")) {
                    throw new IllegalArgumentException("fault '" + item + "' needs a count: " + item + ":N");
                }
                target.add(parseCount(item, item.substring(item.indexOf(':') + 1), true));
            }
        }
        return new FaultPlan(power, timeout, reset, badSense,
                new ChipFaults(eraseLoss, programLoss, lies, worn, flip == null ? 0 : flip), seed, busy, garbage, modeLost);
    }

    private static long parseCount(String item, String number, boolean positive) {
        long n;
        try {
            n = Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault '" + item + "': '" + number + "' is not a whole number");
        }
        if (positive && n < 1) {
            throw new IllegalArgumentException("fault '" + item + "': counts start at 1");
        }
        return n;
    }

    /** A chip address, decimal or 0x-hex. */
    private static long parseAddress(String item, String number) {
        try {
            long a = number.startsWith("0x") || number.startsWith("0X") ? Long.parseLong(number.substring(2), 16)
                    : Long.parseLong(number);
            if (a < 0) {
                throw new NumberFormatException();
            }
            return a;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault '" + item + "': '" + number + "' is not an address (decimal or 0x-hex)");
        }
    }

    private static double parseProbability(String item, String number) {
        double p;
        try {
            p = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault '" + item + "': '" + number + "' is not a number");
        }
        if (!(p >= 0 && p <= 1)) { // NaN and infinities too
            throw new IllegalArgumentException("fault '" + item + "': the probability must lie in [0, 1]");
        }
        return p;
    }

    public boolean powerLossAt(long command) {
        return powerLossAtCommand.contains(command);
    }

    public boolean timeoutAt(long command) {
        return timeoutAtCommand.contains(command);
    }

    public boolean badSenseAt(long command) {
        return badSenseAtCommand.contains(command);
    }

    public boolean resetAt(long command) {
        return resetAtCommand.contains(command);
    }

    /** {@code busy@cmd:N}: after the Nth task-file command Status stays busy (0xD0). */
    public boolean busyAt(long command) {
        return busyAtCommand.contains(command);
    }

    /** {@code garbage@cmd:N}: the Nth task-file command leaves garbage in Sector Number (one read). */
    public boolean garbageAt(long command) {
        return garbageAtCommand.contains(command);
    }

    /** {@code modelost@cmd:N}: the drive drops out of vendor mode at the Nth task-file command (0x51 again). */
    public boolean modeLostAt(long command) {
        return modeLostAtCommand.contains(command);
    }

    public OptionalLong firstPowerLoss() {
        return powerLossAtCommand.stream().mapToLong(Long::longValue).min();
    }
}
