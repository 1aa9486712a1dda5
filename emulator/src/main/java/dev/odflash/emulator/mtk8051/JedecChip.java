package dev.odflash.emulator.mtk8051;

import dev.odflash.chip.WriteModel;
import dev.odflash.emulator.chip.FlashChipModel;
import dev.odflash.transport.ChipStatus;

/**
 * A parallel part's JEDEC command decoder in front of the chip model (docs/protocols.md §2.6.3): unlock cycles AA/55,
 * autoselect 0x90 (manufacturer at 0, device at 1; a 0x7F continuation code puts the next byte at 0x100/0x101, an
 * inference), reset 0xF0, chip erase 0x10 and sector erase 0x30 after 0x80, byte program 0xA0 (autopage parts: the
 * loads that follow make up the page). The part takes the unlock addresses {@code unlock=} names, or either pair;
 * with the wrong pair its cycles are ordinary writes and reads return the array. After a failed operation reads
 * return status bytes (DQ5 set, DQ7 the complement) until a reset.
 *
 * <p>While an erase or program runs (its time from the chip model, owed rather than charged: the host's reads move the
 * clock through it) reads return the embedded operation's status byte, as the SST39SF040 and Am29F040 data sheets
 * give it: DQ7 the complement of the byte being programmed (0 during an erase), DQ6 toggling on every read, DQ5 0;
 * writes are ignored. The byte reads as the array again once the time has passed.
 */
final class JedecChip {
    enum Pairs { BOTH, FULL_ONLY, SHORT_ONLY }

    private final FlashChipModel chip;
    private final Pairs pairs;
    private int step;
    private int firstAddress;
    private boolean autoselect;
    private boolean programArmed;
    private boolean failed;
    private int failedExpect;
    private byte[] page;
    private int pageStart = -1;
    private int pageLoaded;
    private long operations;
    private long lastCycle;
    /** An autopage part's byte-load window (inference: about 200 µs, as W29C0x0 data sheets give). */
    private static final long LOAD_WINDOW_NANOS = 200_000;

    private final BusyWindow window;
    private int busyExpect;
    private boolean toggle;

    JedecChip(FlashChipModel chip, Pairs pairs) {
        this.chip = chip;
        this.pairs = pairs;
        this.window = new BusyWindow(chip);
        chip.deferOperationTime();
    }

    boolean busy() {
        return window.busy();
    }



    private boolean first(int a) {
        return switch (pairs) {
            case BOTH -> a == 0x5555 || a == 0x555;
            case FULL_ONLY -> a == 0x5555;
            case SHORT_ONLY -> a == 0x555;
        };
    }

    private boolean second(int a) {
        return firstAddress == 0x5555 ? a == 0x2AAA : a == 0x2AA;
    }

    private int size() {
        return (int) chip.spec().size();
    }

    /** One write cycle on the chip's bus. Throws the chip model's power loss through. */
    void write(int address, int value) {
        if (busy()) {
            return; // the part ignores commands while its embedded operation runs
        }
        int a = address % size();
        long now = chip.clock().nanos();
        if (programArmed && chip.spec().writeModel() instanceof WriteModel.AutoPage && now - lastCycle > LOAD_WINDOW_NANOS) {
            commitPage(); // the load window closed: the page (if any bytes were loaded) programs, the arm is gone
            programArmed = false;
        }
        lastCycle = now;
        if (programArmed) {
            load(a, value);
            return;
        }
        if (value == 0xF0) {
            reset();
            return;
        }
        switch (step) {
            case 0, 3 -> {
                if (value == 0xAA && first(a)) {
                    firstAddress = a;
                    step++;
                } else {
                    step = 0;
                }
            }
            case 1, 4 -> step = value == 0x55 && second(a) ? step + 1 : 0;
            case 2 -> {
                step = 0;
                if (a == firstAddress) {
                    switch (value) {
                        case 0x90 -> autoselect = true;
                        case 0xA0 -> programArmed = true;
                        case 0x80 -> step = 3;
                        default -> { }
                    }
                }
            }
            case 5 -> {
                step = 0;
                if (value == 0x10 && a == firstAddress) {
                    finish(chip.erase(0, size()), -1);
                } else if (value == 0x30) {
                    int block = chip.spec().smallestEraser().smallestBlock();
                    finish(chip.erase(a - a % block, block), -1);
                }
            }
            default -> step = 0;
        }
    }

    private void load(int a, int value) {
        if (!(chip.spec().writeModel() instanceof WriteModel.AutoPage ap)) {
            programArmed = false;
            if (value != 0xFF) { // 0xFF burns no bit: the embedded program ends at once
                finish(chip.program(a, new byte[] {(byte) value}, 0, 1), value);
            }
            return;
        }
        int start = a - a % ap.size();
        if (pageStart < 0) {
            pageStart = start;
            page = new byte[ap.size()];
            java.util.Arrays.fill(page, (byte) 0xFF);
        }
        if (start != pageStart) {
            commitPage();
            return;
        }
        page[a - start] = (byte) value;
        pageLoaded = Math.max(pageLoaded, a - start + 1);
        failedExpect = value;
    }

    /** The load window closes at the next read: the part programs the page as loaded. */
    private void commitPage() {
        if (pageStart < 0) {
            return;
        }
        int start = pageStart;
        int expect = failedExpect;
        byte[] loaded = page;
        pageStart = -1;
        programArmed = false;
        finish(chip.program(start, loaded, 0, loaded.length), expect);
    }

    /** Erases and programs that reached the chip model (the drive's write count). */
    long operations() {
        return operations;
    }

    /** @param expected the byte programmed, or -1 for an erase (Data# reads 0 while it runs) */
    private void finish(ChipStatus status, int expected) {
        operations++;
        failed = !status.equals(ChipStatus.READY);
        failedExpect = expected < 0 ? 0xFF : expected;
        busyExpect = expected < 0 ? 0xFF : expected; // an erase drives the cells to 1: DQ7 reads 0 meanwhile
        window.start();
    }

    /** Power failed at {@code atNanos} (a cut between commands): a running erase or program is left cut. */
    void powerCut(long atNanos) {
        window.powerCut(atNanos);
    }

    private void reset() {
        step = 0;
        autoselect = false;
        failed = false;
        programArmed = false;
        pageStart = -1;
    }

    int read(int address) {
        if (!busy()) {
            commitPage();
        }
        if (busy()) {
            toggle = !toggle;
            return ((~busyExpect) & 0x80) | (toggle ? 0x40 : 0);
        }
        int a = address % size();
        if (failed) {
            return ((~failedExpect) & 0x80) | 0x20;
        }
        if (autoselect) {
            int m = chip.id().manufacturer();
            int d = chip.id().device();
            return switch (address & 0x1FF) {
                case 0 -> m > 0xFF ? 0x7F : m;
                case 1 -> d > 0xFF ? 0x7F : d;
                case 0x100 -> m & 0xFF;
                case 0x101 -> d & 0xFF;
                default -> 0;
            };
        }
        byte[] one = new byte[1];
        chip.read(a, one, 0, 1);
        return one[0] & 0xFF;
    }
}
