package dev.odflash.emulator.download;

import dev.odflash.emulator.firmware.EmulatorCmac;

import java.util.Arrays;

/**
 * The emulated MT1959 boot loader's check of its CMAC table (docs/protocols.md §4.3, OD
 * {@code scripts/update_cmac.py}): every enabled entry's stored MAC must be the MT1959-form AES-CMAC of its
 * range ({@link EmulatorCmac#mt1959}, the emulator's own, apart from the host's checker so a bug on one
 * side fails a test). The key is the emulator's made-up {@link DownloadFirmware#MT1959_KEY}; that a retail
 * boot loader checks the MACs at all is inferred from OD having to recompute them after patching (modelled).
 */
final class BootCmac {
    private BootCmac() {
    }

    /** True when every enabled entry's MAC matches its range. */
    static boolean tableMatches(byte[] flash, byte[] key) {
        for (int i = 0; i < 16; i++) {
            int at = 0x10400 + i * 0x1C;
            if (le32(flash, at) == 0xFFFFFFFFL) {
                continue;
            }
            int start = (int) le32(flash, at + 4);
            int end = (int) le32(flash, at + 8);
            byte[] stored = Arrays.copyOfRange(flash, at + 12, at + 28);
            if (!Arrays.equals(EmulatorCmac.mt1959(key, flash, start, end), stored)) {
                return false;
            }
        }
        return true;
    }

    private static long le32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }
}
