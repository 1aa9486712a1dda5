package dev.odflash.emulator.mtk8051;

import dev.odflash.emulator.chip.FlashChipModel;

/**
 * The time an erase or program of the chip runs (Data# or toggle on a parallel part, WIP on a serial one), and
 * what a power cut inside it leaves: the operation stopped where it was, its sector partly erased or its page
 * partly programmed (the chip model's {@code cutRunning}); the data sheets promise nothing about the cells after an
 * interrupted operation (docs/protocols.md §2.6.4, docs/architecture.md "Interruptions").
 */
final class BusyWindow {
    private final FlashChipModel chip;
    private long from;
    private long until;

    BusyWindow(FlashChipModel chip) {
        this.chip = chip;
    }

    /** An operation starts now and runs for the time the chip model charged for it. */
    void start() {
        from = chip.clock().nanos();
        until = from + chip.takeOperationNanos();
    }

    boolean busy() {
        return chip.clock().nanos() < until;
    }

    /** Power failed at {@code atNanos}: an operation still running is left cut, and nothing runs any more. */
    void powerCut(long atNanos) {
        if (atNanos < until && until > from) {
            chip.cutRunning((double) (atNanos - from) / (until - from));
        }
        until = 0;
    }
}
