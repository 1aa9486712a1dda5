package dev.odflash.emulator.chip;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The cells of one part and the rule of each write model for changing them (docs/architecture.md "Write models"),
 * apart from {@link FlashChipModel}'s bookkeeping of calls, faults and time. A forbidden program leaves cells
 * undefined, drawn from the model's seeded generator so a test sees the same garbage every run.
 */
final class WriteRules {
    private final byte[] cells;
    private final RandomGenerator undefined;

    WriteRules(byte[] cells, RandomGenerator undefined) {
        this.cells = cells;
        this.undefined = undefined;
    }

    void erase(int from, int to) {
        Arrays.fill(cells, from, to, (byte) 0xFF);
    }

    /** bit: programming can only clear bits, so the cell becomes old AND new; never a violation. */
    boolean programBits(int at, byte[] src, int off, int len) {
        for (int i = 0; i < len; i++) {
            cells[at + i] &= src[off + i];
        }
        return false;
    }

    /**
     * byte: a byte whose new value is 0xFF is not programmed at all (that is how a host leaves a byte
     * alone); any other byte must still be erased ("the sector must be fully erased before
     * programming", SST DS20005022), else it is left undefined.
     */
    boolean programBytes(int at, byte[] src, int off, int len) {
        boolean violated = false;
        for (int i = 0; i < len; i++) {
            byte value = src[off + i];
            if (value == (byte) 0xFF) {
                continue;
            }
            if (cells[at + i] != (byte) 0xFF) {
                cells[at + i] = undefinedByte();
                violated = true;
            } else {
                cells[at + i] = value;
            }
        }
        return violated;
    }

    /**
     * page:N and autopage:N: a program call writes one page as a unit. A partial call leaves the rest of
     * that page undefined. A page:N part needs the page erased beforehand (else the whole page is
     * undefined); an autopage:N part erases it internally first (W29C040, AT29C0x0), so rewriting a
     * whole page is always allowed.
     */
    boolean programPage(int pageSize, boolean autoErase, int at, byte[] src, int off, int len) {
        int page = at - at % pageSize;
        if (!autoErase && !isErased(page, pageSize)) {
            fillUndefined(page, page + pageSize);
            return true;
        }
        if (autoErase) {
            erase(page, page + pageSize);
        }
        System.arraycopy(src, off, cells, at, len);
        boolean whole = at == page && len == pageSize;
        if (!whole) {
            fillUndefined(page, at);
            fillUndefined(at + len, page + pageSize);
        }
        return !whole;
    }

    boolean isErased(int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (cells[i] != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }

    private void fillUndefined(int from, int to) {
        for (int i = from; i < to; i++) {
            cells[i] = undefinedByte();
        }
    }

    private byte undefinedByte() {
        return (byte) undefined.nextInt(256);
    }
}
