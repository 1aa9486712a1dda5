package dev.odflash.nativeio.flashrom;

import dev.odflash.transport.ExternalProgrammer.Protection;

/** libflashrom's enum flashrom_wp_mode (libflashrom.h 1.3) in words. */
final class Protections {
    static final int MODE_DISABLED = 0;
    private static final String[] MODES = {"disabled", "hardware", "power_cycle", "permanent"};

    private Protections() {
    }

    static Protection of(int mode, long start, long length) {
        String word = mode >= 0 && mode < MODES.length ? MODES[mode] : "mode " + mode;
        return new Protection(true, word, start, length, "");
    }

    static Protection unknown(String why) {
        return new Protection(false, "unknown", 0, 0, why);
    }
}
