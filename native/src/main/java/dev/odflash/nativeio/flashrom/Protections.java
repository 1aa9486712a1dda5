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

    /** The enum value of a mode word {@link #of} gave. */
    static int code(String word) {
        for (int i = 0; i < MODES.length; i++) {
            if (MODES[i].equals(word)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a libflashrom wp mode: " + word);
    }

    static String range(Protection p) {
        return p.length() == 0 ? "(no range)" : String.format("0x%X-0x%X", p.start(), p.start() + p.length() - 1);
    }

    static Protection unknown(String why) {
        return new Protection(false, "unknown", 0, 0, why);
    }
}
