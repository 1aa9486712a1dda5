package dev.odflash.family.external;

import dev.odflash.ops.Choice;
import dev.odflash.ops.FlashReader;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.flash.ChipWrite;
import dev.odflash.ops.flash.FlashOptions;
import dev.odflash.ops.flash.FlashStrategy;
import dev.odflash.ops.flash.WritePlan;
import dev.odflash.ops.flash.Written;
import dev.odflash.protocol.Progress;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.ExternalProgrammer;
import dev.odflash.transport.TransportException;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * The chip-style write through a clip, behind the chip's write protection (libflashrom's flashrom_wp_* state):
 * a plan that erases or programs inside the protected range is refused unless the user allowed clearing the
 * protection, and then it is cleared right before the first write (after the backup and the journal), never for
 * a plan that does not need it. libflashrom would otherwise retry every eraser on a locked range and leave a
 * partial write behind.
 */
final class ProtectedWrite implements FlashStrategy {
    private static final System.Logger LOG = System.getLogger("dev.odflash.flash");

    private final ChipWrite inner;
    private final ExternalProgrammer programmer;
    private final ExternalProgrammer.Protection protection;
    /** The chip channel to read the unit's own data through, when the layout carries any ({@link ClipUnitData}). */
    private final Optional<ChipChannel> unitData;
    private final Optional<String> rowBootId;

    ProtectedWrite(ChipWrite inner, ExternalProgrammer programmer, ExternalProgrammer.Protection protection,
                   Optional<ChipChannel> unitData, Optional<String> rowBootId) {
        this.rowBootId = rowBootId;
        this.inner = inner;
        this.programmer = programmer;
        this.protection = protection;
        this.unitData = unitData;
    }

    @Override
    public long flashSize() {
        return inner.flashSize();
    }

    @Override
    public String unit() {
        return inner.unit();
    }

    @Override
    public Optional<FlashReader> reader() {
        return inner.reader();
    }

    @Override
    public boolean plansFromContent() {
        return true;
    }

    @Override
    public Prepared prepare(byte[] file) throws OdflashException {
        if (unitData.isPresent()) {
            return new Prepared(ClipUnitData.keep(unitData.get(), file, rowBootId), true);
        }
        return inner.prepare(file);
    }

    @Override
    public WritePlan plan(Optional<byte[]> current, byte[] image, FlashOptions options) throws OdflashException {
        WritePlan plan = inner.plan(current, image, options);
        if (needsUnprotect(plan) && !options.allowUnprotect()) {
            throw OdflashException.refused(Gate.CHIP, String.format("the write reaches the chip's write-protected range"
                    + " 0x%X-0x%X (status register lock: %s); nothing was written", protection.start(),
                    protection.start() + protection.length() - 1, protection.mode()), Choice.ALLOW_UNPROTECT);
        }
        LOG.log(Level.INFO, () -> "write protection: " + (protection.active() ? (needsUnprotect(plan)
                ? "the plan reaches the protected range; clearing it was allowed" : "the plan stays outside the protected range")
                : "none in effect"));
        return plan;
    }

    private boolean needsUnprotect(WritePlan plan) {
        return protection.active() && plan instanceof WritePlan.Chip chip
                && chip.plan().touches(protection.start(), protection.start() + protection.length());
    }

    @Override
    public Written write(WritePlan plan, Optional<byte[]> current, byte[] image, String toVersion, FlashOptions options,
                         Progress progress) throws OdflashException {
        if (needsUnprotect(plan)) {
            try {
                programmer.unprotect();
                LOG.log(Level.INFO, "write protection cleared as allowed");
            } catch (TransportException e) {
                throw OdflashException.device(e.getMessage() + "; nothing was written (the journal is kept; with the"
                        + " hardware WP pin held low, the clip or the board must release it)", e, "wp");
            }
        }
        ExternalProgrammer.Erased before = programmer.erased();
        Written done = inner.write(plan, current, image, toVersion, options, progress);
        ExternalProgrammer.Erased after = programmer.erased();
        int erased = after.blocks() - before.blocks();
        // libflashrom decides the erases inside each region itself (a byte whose bits only clear is still erased
        // unless it was 0xFF), so the run reports the erases the chip went through, from the library's own account
        LOG.log(Level.INFO, () -> "libflashrom erased " + erased + " blocks (" + (after.bytes() - before.bytes())
                + " bytes) where the plan needed " + done.erases());
        return new Written(erased, after.bytes() - before.bytes(), done.programmedBytes(), done.streamedBytes(),
                done.rounds(), done.verification());
    }
}
