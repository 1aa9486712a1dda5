package dev.odflash.emulator.mtk8051;

import dev.odflash.chip.Eraser;
import dev.odflash.chip.WriteModel;
import dev.odflash.emulator.chip.FlashChipModel;
import dev.odflash.transport.JedecId;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A serial part's SPI command decoder in front of the chip model (docs/protocols.md §2.6.4), from the data sheets'
 * command tables (MX25L2005, W25X20, SST25VF040/040B): RDSR 05, WREN 06, WRDI 04, EWSR 50 and WRSR 01 (SST parts
 * take WRSR only after EWSR), REMS 90, RDID 9F (parts with a two-byte device ID only), READ 03, page or byte program 02
 * (byte parts take one byte), SST auto address increment AF (byte) / AD (word, the "B" parts), sector/block erase
 * 20/52/D8 by the part's erasers, chip erase C7 or 60 (SST parts without "B": 60 only). Every erase and program needs
 * the write-enable latch and clears it. Block-protect bits lock from the top down in 64 KiB blocks, doubling per level
 * (the Macronix/Winbond tables); a locked range's erase or program is ignored, as the parts do, and chip erase is
 * ignored while any BP bit is set. An erase or program keeps WIP set for its time (owed by the chip model, moved
 * through by the host's RDSR polls); meanwhile every command but RDSR is ignored, as the data sheets say.
 */
final class SerialChip {
    private final FlashChipModel chip;
    private int status;
    private boolean ewsr;
    private boolean aai;
    private long aaiNext;
    private long operations;
    private long ignored;

    private final BusyWindow window;

    SerialChip(FlashChipModel chip, int statusAtPowerOn) {
        this.chip = chip;
        this.status = statusAtPowerOn & 0x9C;
        this.window = new BusyWindow(chip);
        chip.deferOperationTime();
    }

    boolean busy() {
        return window.busy();
    }

    private void started() {
        window.start();
    }

    /** Power failed at {@code atNanos}: an erase or program still running (WIP set) is left cut ({@link BusyWindow}). */
    void powerCut(long atNanos) {
        window.powerCut(atNanos);
    }

    long operations() {
        return operations;
    }

    /** Erases and programs the part ignored (locked range, no write enable): they wrote nothing. */
    long ignored() {
        return ignored;
    }

    private boolean sst() {
        return (chip.id().manufacturer() & 0xFF) == 0xBF;
    }

    private boolean bPart() {
        return chip.spec().name().toUpperCase(Locale.ROOT).endsWith("B");
    }

    /** REMS: the manufacturer byte, and the device byte: one below RDID's capacity byte on two-byte parts (data sheets). */
    private JedecId rems() {
        JedecId id = chip.id();
        int m = id.manufacturer() & 0xFF;
        if (id.device() <= 0xFF) {
            return new JedecId(m, id.device());
        }
        if (sst()) {
            return new JedecId(m, id.device() & 0xFF); // SST25VF0xxB: Read-ID answers RDID's last byte
        }
        return new JedecId(m, (id.device() & 0xFF) - 1);
    }

    private long size() {
        return chip.spec().size();
    }

    private boolean locked(long from, long length) {
        int level = (status & 0x1C) >> 2;
        if (level == 0) {
            return false;
        }
        long top = Math.min(size(), 0x10000L << (level - 1));
        return from + length > size() - top;
    }

    private static long address(byte[] tx) {
        return (tx[1] & 0xFFL) << 16 | (tx[2] & 0xFFL) << 8 | tx[3] & 0xFFL;
    }

    byte[] transfer(byte[] tx, int rx) {
        byte[] out = new byte[rx];
        int op = tx[0] & 0xFF;
        if (busy()) {
            if (op == 0x05) {
                Arrays.fill(out, (byte) (status | 0x01));
            }
            return out; // anything but RDSR is ignored while the part works
        }
        switch (op) {
            case 0x05 -> Arrays.fill(out, (byte) status);
            case 0x06 -> status |= 0x02;
            case 0x04 -> {
                status &= ~0x02;
                aai = false;
            }
            case 0x50 -> ewsr = true;
            case 0x01 -> writeStatus(tx);
            case 0x90 -> {
                JedecId r = rems();
                boolean deviceFirst = tx.length > 3 && (tx[3] & 1) == 1;
                fill(out, deviceFirst ? r.device() : r.manufacturer(), deviceFirst ? r.manufacturer() : r.device());
            }
            case 0x9F -> {
                JedecId id = chip.id();
                if (id.device() > 0xFF) {
                    fill(out, id.manufacturer() & 0xFF, id.device() >> 8, id.device() & 0xFF);
                } else {
                    Arrays.fill(out, (byte) 0xFF); // no RDID on this part: the bus floats high
                }
            }
            case 0x03 -> {
                long at = address(tx) % size();
                for (int i = 0; i < rx; i++) {
                    byte[] one = new byte[1];
                    chip.read((at + i) % size(), one, 0, 1);
                    out[i] = one[0];
                }
            }
            case 0x02 -> program(address(tx) % size(), Arrays.copyOfRange(tx, 4, tx.length));
            case 0xAF, 0xAD -> autoIncrement(op, tx);
            case 0x20, 0x52, 0xD8 -> erase(address(tx) % size(), op == 0x20 ? 4096 : op == 0x52 ? 32768 : 65536);
            case 0x60, 0xC7 -> {
                if (op == 0xC7 && sst() && !bPart()) {
                    break; // not in SST25VF0x0's command set
                }
                eraseChip();
            }
            default -> { }
        }
        return out;
    }

    private static void fill(byte[] out, int... values) {
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) values[i % values.length];
        }
    }

    private boolean takeEnable() {
        boolean enabled = (status & 0x02) != 0;
        status &= ~0x02;
        return enabled;
    }

    private void writeStatus(byte[] tx) {
        boolean enabled = sst() ? ewsr || (bPart() && (status & 0x02) != 0) : (status & 0x02) != 0;
        ewsr = false;
        status &= ~0x02;
        if (enabled && tx.length > 1) {
            status = tx[1] & 0x9C; // WP# is modelled high: SRWD alone does not stop WRSR
        }
    }

    private void program(long at, byte[] data) {
        if (!takeEnable() || data.length == 0) {
            ignored++;
            return;
        }
        int length = chip.spec().writeModel() instanceof WriteModel.Page p ? Math.min(data.length, p.size()) : 1;
        if (locked(at, length)) {
            ignored++;
            return;
        }
        operations++;
        chip.program(at, data, 0, length);
        started();
    }

    private void autoIncrement(int op, byte[] tx) {
        int width = op == 0xAD ? 2 : 1;
        boolean supported = sst() && (width == 2) == bPart();
        if (!supported) {
            return;
        }
        long at;
        byte[] data;
        if (!aai) {
            if ((status & 0x02) == 0 || tx.length < 4 + width) {
                ignored++;
                return;
            }
            at = address(tx) % size();
            data = Arrays.copyOfRange(tx, 4, 4 + width);
            aai = true;
        } else {
            at = aaiNext;
            data = Arrays.copyOfRange(tx, 1, 1 + width);
        }
        aaiNext = at + width;
        if (locked(at, width)) {
            ignored++;
            return;
        }
        operations++;
        chip.program(at, data, 0, width);
        started();
    }

    private void erase(long at, int block) {
        Optional<Eraser> eraser = chip.spec().erasers().stream().filter(e -> e.blockAt(at - at % block, block).isPresent()).findFirst();
        if (!takeEnable() || eraser.isEmpty() || locked(at - at % block, block)) {
            ignored++;
            return;
        }
        operations++;
        chip.erase(at - at % block, block);
        started();
    }

    private void eraseChip() {
        if (!takeEnable() || (status & 0x1C) != 0) {
            ignored++;
            return;
        }
        operations++;
        chip.erase(0, (int) size());
        started();
    }
}
