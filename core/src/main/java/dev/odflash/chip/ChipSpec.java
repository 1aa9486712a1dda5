package dev.odflash.chip;

import dev.odflash.transport.JedecId;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One flash part, from the chip table: identity, geometry, erasers, write model and datasheet
 * timings. {@code source} names where each fact comes from; {@code timingInferred} marks rows whose
 * timings are class typical values rather than the part's datasheet (docs/architecture.md "Write models").
 *
 * @param programTime  time per program unit (one byte, or one page for page parts)
 * @param readAccessNs random read access time per byte
 * @param tested       "untested", "emulated" or "hardware"
 * @param flashromName libflashrom's name for the part (flashrom's flashchips.c), for probing it by name on a
 *                     {@code flashrom:} device; empty when it is the row's own name or unknown
 */
public record ChipSpec(String name, List<String> aliases, String vendor, Bus bus, JedecId id, long size,
                       String voltage, WriteModel writeModel, Timing programTime, List<Eraser> erasers,
                       double readAccessNs, Optional<BootBlock> bootBlock, boolean timingInferred,
                       String tested, String source, Optional<String> flashromName) {
    public ChipSpec {
        aliases = List.copyOf(aliases);
        erasers = erasers.stream().sorted(Comparator.comparingInt(Eraser::smallestBlock)).toList();
    }

    /** A row without a libflashrom name of its own. */
    public ChipSpec(String name, List<String> aliases, String vendor, Bus bus, JedecId id, long size,
                    String voltage, WriteModel writeModel, Timing programTime, List<Eraser> erasers,
                    double readAccessNs, Optional<BootBlock> bootBlock, boolean timingInferred,
                    String tested, String source) {
        this(name, aliases, vendor, bus, id, size, voltage, writeModel, programTime, erasers, readAccessNs, bootBlock,
                timingInferred, tested, source, Optional.empty());
    }

    /** The name libflashrom probes this part by: its {@code flashromName}, else the row's name. */
    public String nameForFlashrom() {
        return flashromName.orElse(name);
    }

    /** Whether libflashrom's name for a probed part is this row's (exactly: flashrom's names are case-sensitive). */
    public boolean isFlashromPart(String probedName) {
        return nameForFlashrom().equals(probedName);
    }

    public boolean matchesName(String query) {
        String q = query.toLowerCase(Locale.ROOT);
        return name.toLowerCase(Locale.ROOT).equals(q)
                || aliases.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(q));
    }

    /** Smallest eraser: the planner's finest unit. */
    public Eraser smallestEraser() {
        return erasers.getFirst();
    }

    /** The eraser that erases the whole chip in one block, if the part has one. */
    public Optional<Eraser> chipEraser() {
        return erasers.stream().filter(e -> e.regions().size() == 1 && e.regions().getFirst().count() == 1
                && e.coveredBytes() == size).findFirst();
    }

    /** Largest single program call: the page for page parts, 256 bytes for byte parts. */
    public int maxProgramLength() {
        int unit = writeModel.programUnit();
        return unit > 1 ? unit : 256;
    }

    /**
     * The most odflash reads or writes of one part: 16 MiB, what 3-byte SPI addresses reach. No firmware it knows
     * is larger (Intel-HEX stops there too); larger rows (W25Q256FV, 4-byte addressing) are in the table so the
     * part is named when it answers, and refused rather than read or written in part.
     */
    public static final long LARGEST_HANDLED = 16L << 20;

    /** Why odflash refuses the part, when it does: larger than {@link #LARGEST_HANDLED}. */
    public Optional<String> refusal() {
        if (size <= LARGEST_HANDLED) {
            return Optional.empty();
        }
        return Optional.of(name + " is " + sizeText() + ", addressed with 4 bytes past 16 MiB: odflash reads and writes"
                + " parts of at most 16 MiB (no firmware it knows is larger); use flashrom itself for this part");
    }

    public String sizeText() {
        return size % (1 << 20) == 0 ? size / (1 << 20) + " MiB" : size / 1024 + " KiB";
    }
}
