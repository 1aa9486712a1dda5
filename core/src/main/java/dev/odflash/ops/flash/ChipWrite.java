package dev.odflash.ops.flash;

import dev.odflash.chip.ChipSpec;
import dev.odflash.ops.Cancellation;
import dev.odflash.ops.ChipFlashReader;
import dev.odflash.ops.Choice;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.FlashReader;
import dev.odflash.ops.Gate;
import dev.odflash.ops.NextStep;
import dev.odflash.ops.OdflashException;
import dev.odflash.plan.FlashPlan;
import dev.odflash.plan.FlashPlanner;
import dev.odflash.plan.ProtectedRegion;
import dev.odflash.protocol.Progress;
import dev.odflash.transport.BusModel;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.Device;
import dev.odflash.transport.TransportException;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;

/**
 * The chip-style write (docs/architecture.md "Write models"): a plan at the chip's physical minimum,
 * executed through the family's {@link ChipChannel} (the writer seam: a drive's vendor mode, a clip), then
 * a whole-chip read-back: the verify when it equals the image, else (read twice, the same) what the chip
 * really holds, re-planned from. Erases are kept off the boot region where the chip's erasers allow
 * (safety rule 3).
 */
public final class ChipWrite implements FlashStrategy {
    /** Rounds of plan, write, read-back before giving up on a chip that does not take the image. */
    private static final int MAX_ROUNDS = 3;
    /**
     * Whole-chip reads after a round before giving up on an answer: one equal to the image is the verify, two that
     * agree are what the chip holds (a flaky read is re-read).
     */
    private static final int VERIFY_READS = 3;

    private final Device device;
    private final ChipSpec chip;
    private final ChipChannel channel;
    private final int bootRegion;
    /** Set by {@link #plan} when the part's protection is to be cleared before the first erase. */
    private boolean unprotect;
    /** The part's locked ranges as read at the end of this run's backup read, in its vendor-mode session. */
    private Optional<List<dev.odflash.chip.EraseBlock>> lockedAtRead = Optional.empty();

    private ChipWrite(Device device, ChipSpec chip, ChipChannel channel, int bootRegion) {
        this.device = device;
        this.chip = chip;
        this.channel = channel;
        this.bootRegion = bootRegion;
    }

    /**
     * The chip-style gates that need the drive: a chip channel through this device (safety rule 1's path),
     * the chip identified and known (erase and program only for a part in the table, or named).
     *
     * @param noPathReason the family's words for why there is no channel or no chip ID
     */
    public static ChipWrite target(DriveInfo info, Device device, int bootRegion, String noPathReason)
            throws OdflashException {
        ChipChannel channel = device.chipChannel().orElseThrow(() -> OdflashException.refused(Gate.PATH, noPathReason));
        info.requireVendorMode();
        if (info.jedecId().isEmpty()) {
            throw OdflashException.refused(Gate.CHIP, "the drive did not identify its flash chip (" + noPathReason + ")");
        }
        ChipSpec chip = info.chip().orElseThrow(() -> OdflashException.refused(Gate.CHIP, "unknown flash chip (JEDEC "
                + info.jedecId().get() + "): erase and program are refused until the part is named", Choice.CHIP_NAMED));
        Decisions.passed("path", "a chip channel to the drive");
        Decisions.passed("chip", chip.name() + ", JEDEC " + info.jedecId().get() + ", " + chip.size() + " bytes");
        channel.name(chip); // a part the user named is written by that row's commands
        java.util.Optional<String> pathRefusal = channel.writeRefusal(chip);
        if (pathRefusal.isPresent()) { // before the backup and the journal: nothing to resume, nothing written
            throw OdflashException.refused(Gate.CHIP, pathRefusal.get());
        }
        return new ChipWrite(device, chip, channel, bootRegion);
    }

    @Override
    public long flashSize() {
        return chip.size();
    }

    @Override
    public String unit() {
        return chip.name();
    }

    @Override
    public Optional<FlashReader> reader() {
        // a serial part's block-protect bits are read in the backup read's session: a session of its own would cost
        // one more intro and outro (0.6 s of the vendor mode's fixed waits) for one status-register read, and would
        // see no fresher state (the drive restarts from its flash after either session's outro, before the write's);
        // the write's erases are checked anyway (a serial part's erase is read back, SpiChipChannel)
        return Optional.of(new ChipFlashReader(device, channel, chip.size(), c -> {
            if (chip.bus() == dev.odflash.chip.Bus.SPI) {
                lockedAtRead = Optional.of(c.writeProtected());
            }
        }));
    }

    @Override
    public boolean plansFromContent() {
        return true;
    }

    private FlashPlanner planner(FlashOptions options) {
        FlashPlanner planner = new FlashPlanner(chip, BusModel.ATAPI_PIO4);
        // rule 3: keep erases off the boot region whenever the chip's erasers allow it
        return options.includeBoot() || bootRegion == 0 ? planner
                : planner.protecting(List.of(new ProtectedRegion(0, bootRegion, "boot region")));
    }

    @Override
    public WritePlan plan(Optional<byte[]> current, byte[] image, FlashOptions options) throws OdflashException {
        byte[] now = current.orElseThrow();
        FlashGates.bankLayout(now, image); // a rebanked image only over a rebanked chip (docs/protocols.md §4.1)
        FlashPlan plan = planner(options).plan(now, image);
        Decisions.FLASH.log(Level.INFO, () -> "plan" + describe(plan) + (options.includeBoot() || bootRegion == 0 ? ""
                : String.format(" (erases kept off the boot region 0x0000-0x%04X where the erasers allow)", bootRegion - 1)));
        FlashGates.boot(now, image, bootRegion, plan.touches(0, bootRegion), options);
        writeProtection(plan, options);
        return new WritePlan.Chip(plan);
    }

    /**
     * The part's own write protection (a serial part's block-protect bits), read in vendor mode (in the backup read's
     * session when this run read the chip, else in a session of its own): a plan touching a
     * locked range is refused here, before the first erase, unless the user allows clearing it
     * ({@link FlashOptions#allowUnprotect()}, which {@link #write} then does first).
     */
    private void writeProtection(FlashPlan plan, FlashOptions options) throws OdflashException {
        if (plan.noop() || chip.bus() != dev.odflash.chip.Bus.SPI) {
            return; // only serial parts carry block-protect bits; a parallel part's intro is not repeated for nothing
        }
        List<dev.odflash.chip.EraseBlock> locked;
        if (lockedAtRead.isPresent()) {
            locked = lockedAtRead.get(); // read after this run's backup passes, before anything was written
        } else {
            try {
                channel.enter();
                try {
                    locked = channel.writeProtected();
                } finally {
                    channel.leave();
                }
            } catch (TransportException e) {
                throw OdflashException.device("the drive stopped answering while its write protection was read ("
                        + e.getMessage() + "); nothing was written", e, "write protection");
            }
        }
        Optional<dev.odflash.chip.EraseBlock> hit = locked.stream().filter(b -> plan.touches(b.offset(), b.end())).findFirst();
        if (hit.isEmpty()) {
            return;
        }
        String range = String.format("0x%X-0x%X", hit.get().offset(), hit.get().end() - 1);
        if (!options.allowUnprotect()) {
            throw OdflashException.refused(Gate.CHIP, chip.name() + "'s own write protection locks " + range
                    + ", which the plan writes; nothing was erased", Choice.ALLOW_UNPROTECT);
        }
        Decisions.passed("write protection", range + " locked by the part; cleared first (" + Choice.ALLOW_UNPROTECT.mention() + ")");
        unprotect = true;
    }

    @Override
    public Written write(WritePlan planned, Optional<byte[]> current, byte[] image, String toVersion,
                         FlashOptions options, Progress progress) throws OdflashException {
        FlashPlanner planner = planner(options);
        FlashExecutor executor = new FlashExecutor(channel, progress, options.cancellation());
        options.cancellation().step("the erase or program in progress");
        byte[] chipNow = current.orElseThrow().clone();
        int erases = 0;
        long eraseBytes = 0;
        long programBytes = 0;
        int round = 0;
        try {
            channel.enter();
            try {
                if (unprotect) {
                    channel.unprotect();
                }
                FlashPlan plan = ((WritePlan.Chip) planned).plan();
                while (true) {
                    round++;
                    erases += plan.eraseCount();
                    eraseBytes += plan.eraseBytes();
                    programBytes += plan.programBytes();
                    executor.execute(plan, round);
                    options.cancellation().checkpoint(); // the round is written; a resume reads the chip again
                    int r = round;
                    FlashPlan executed = plan;
                    Decisions.FLASH.log(Level.INFO, () -> "round " + r + ": " + executed.steps().size() + " steps executed");
                    Optional<Comparison> left = readBack(executor, image, chipNow, progress);
                    if (left.isEmpty()) {
                        break;
                    }
                    if (round == MAX_ROUNDS) {
                        throw new OdflashException(left.get().mismatch("the chip does not take the image: after "
                                + round + " rounds " + left.get().summary()
                                + "; the journal is kept, the backup can restore the old image"));
                    }
                    plan = planner.plan(chipNow, image); // re-plan from what the chip really holds
                    FlashPlan again = plan;
                    Decisions.FLASH.log(Level.INFO, () -> "re-plan from what the chip holds (round " + (r + 1) + " of "
                            + MAX_ROUNDS + ")" + describe(again));
                    FlashGates.boot(chipNow, image, bootRegion, plan.touches(0, bootRegion), options);
                }
            } finally {
                try {
                    channel.leave();
                } catch (TransportException ignored) {
                    // the write already failed or verified; leaving vendor mode resets the drive anyway
                }
            }
        } catch (TransportException e) {
            int r = round;
            Decisions.FLASH.log(Level.WARNING, () -> "round " + r + ": the drive stopped answering: " + e.getMessage());
            throw OdflashException.device("the drive stopped answering during the write (" + e.getMessage()
                    + "); the journal is kept: run " + NextStep.RERUN.mention() + " to resume, " + NextStep.STATUS.mention()
                    + " shows what the drive holds", e, "write");
        } catch (Cancellation.Stopped e) {
            int r = round;
            Decisions.FLASH.log(Level.INFO, () -> "round " + r + ": stopped as asked between two chip operations");
            throw OdflashException.interrupted("stopped between two chip operations (none was cut short)", true);
        } catch (FlashExecutor.ChipFailure e) {
            int r = round;
            Decisions.FLASH.log(Level.WARNING, () -> "round " + r + ": " + e.getMessage());
            throw OdflashException.device(e.getMessage() + "; the journal is kept: run " + NextStep.RERUN.mention()
                    + " to resume", e, "write");
        }
        return new Written(erases, eraseBytes, programBytes, 0, round, Verification.WHOLE_CHIP);
    }

    /**
     * Rule 5: success only after the whole chip reads back as the image. Empty when a read equals the image (the
     * verify); else the difference once two reads agree, with {@code chipNow} set to what they read (the re-plan
     * starts from it). Reads that neither equal the image nor agree with each other fail the verify: no plan is made
     * from a read that is not stable.
     */
    private static Optional<Comparison> readBack(FlashExecutor executor, byte[] image, byte[] chipNow, Progress progress)
            throws TransportException, OdflashException {
        byte[] previous = null;
        Comparison last = null;
        for (int attempt = 1; attempt <= VERIFY_READS; attempt++) {
            byte[] read = new byte[image.length];
            progress.bytes(Progress.Phase.VERIFY, attempt, 0, image.length);
            executor.readInto(0, image.length, read);
            progress.bytes(Progress.Phase.VERIFY, attempt, image.length, image.length);
            last = Comparison.of(read, image);
            if (last.identical()) {
                int n = attempt;
                Decisions.FLASH.log(Level.INFO, () -> "verify: whole chip (" + image.length + " bytes) read back"
                        + " identical to the image (read " + n + " of at most " + VERIFY_READS + ")");
                return Optional.empty();
            }
            if (previous != null && java.util.Arrays.equals(previous, read)) {
                System.arraycopy(read, 0, chipNow, 0, read.length);
                Comparison stable = last;
                Decisions.FLASH.log(Level.INFO, () -> "read-back: the chip holds other content than the image, read twice"
                        + " the same: " + stable.summary());
                return Optional.of(last);
            }
            Decisions.FLASH.log(Level.INFO, "verify read " + attempt + " of " + VERIFY_READS + " differs: "
                    + last.summary() + (attempt < VERIFY_READS ? "; reading again" : ""));
            previous = read;
        }
        throw new OdflashException(last.mismatch("verify failed: " + last.summary()
                + "; the journal is kept: run " + NextStep.RERUN.mention() + " to try again, or restore the backup ("
                + NextStep.STATUS.mention() + " names it)"));
    }

    /** The plan for the log: erases, bytes, steps, predicted time. */
    static String describe(FlashPlan plan) {
        return String.format(": %d steps, %d erases (%d bytes), %d bytes to program in %d calls, predicted %.2f s"
                        + " (lower bound %.2f s)%s", plan.steps().size(), plan.eraseCount(), plan.eraseBytes(),
                plan.programBytes(), plan.programCalls(), plan.predictedNanos() / 1e9, plan.lowerBoundNanos() / 1e9,
                plan.noop() ? "; the chip already holds the image" : "");
    }
}
