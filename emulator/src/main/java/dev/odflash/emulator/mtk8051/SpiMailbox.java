package dev.odflash.emulator.mtk8051;

/**
 * Serial flash (Status 0x72, or 0x73 with swapped length bytes): the generic key's SPI mailbox as JungleFlasher drives
 * it (docs/protocols.md §2.6.4). 0x01 writes a buffer byte (index in LBA mid/high, data in SN), 0x00 reads one into
 * SN, 0x04 takes the transfer lengths (sent: Features/SC, received: LBA mid/high), 0x05 runs the transfer: the
 * buffer's first bytes go to the part, what it answers lands right after them. The firmware masks the index, so 0x8800
 * and 0 are one slot; the buffer's size (1 KiB here) is an inference: the largest transfer the sources use is 260 bytes.
 */
final class SpiMailbox implements VendorBackend {
    static final int BUFFER = 1024;

    private final SerialChip chip;
    private final boolean swapped;
    private final byte[] buffer = new byte[BUFFER];
    private int tx = -1;
    private int rx;

    SpiMailbox(SerialChip chip, boolean swapped) {
        this.chip = chip;
        this.swapped = swapped;
    }

    @Override
    public int signature() {
        return swapped ? 0x73 : 0x72;
    }

    @Override
    public boolean command(int opcode, int[] r) {
        int index = (r[4] | r[5] << 8) & (BUFFER - 1);
        switch (opcode) {
            case 0x00 -> r[3] = buffer[index] & 0xFF;
            case 0x01 -> buffer[index] = (byte) r[3];
            case 0x04 -> {
                tx = swapped ? r[1] << 8 | r[2] : r[2] << 8 | r[1];
                rx = swapped ? r[4] << 8 | r[5] : r[5] << 8 | r[4];
                if (tx < 1 || tx + rx > BUFFER) {
                    tx = -1;
                    return false;
                }
            }
            case 0x05 -> {
                if (tx < 0) {
                    return false; // no lengths taken: nothing to send
                }
                byte[] out = chip.transfer(java.util.Arrays.copyOf(buffer, tx), rx);
                System.arraycopy(out, 0, buffer, tx, rx);
                tx = -1;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    public long operations() {
        return chip.operations();
    }

    @Override
    public void powerCut(long atNanos) {
        chip.powerCut(atNanos);
    }

    @Override
    public boolean busy() {
        return chip.busy();
    }
}
