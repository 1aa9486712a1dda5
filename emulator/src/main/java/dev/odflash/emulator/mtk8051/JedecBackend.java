package dev.odflash.emulator.mtk8051;

/** Parallel flash (Status 0x70): byte read 0x00 and byte write 0x01, the address in LBA mid/high and Device's low nibble. */
final class JedecBackend implements VendorBackend {
    private final JedecChip chip;

    JedecBackend(JedecChip chip) {
        this.chip = chip;
    }

    @Override
    public int signature() {
        return 0x70;
    }

    @Override
    public boolean command(int opcode, int[] r) {
        int address = r[4] | r[5] << 8 | (r[6] & 0x0F) << 16;
        switch (opcode) {
            case 0x00 -> r[3] = chip.read(address);
            case 0x01 -> chip.write(address, r[3]);
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    public void powerCut(long atNanos) {
        chip.powerCut(atNanos);
    }

    @Override
    public boolean busy() {
        return chip.busy();
    }

    @Override
    public long operations() {
        return chip.operations();
    }
}
