package dev.odflash.emulator.download;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The unit's serial as its firmware finds it in flash at power-on, for GET CONFIGURATION feature
 * 0x0108: MT1959 in the first 16 bytes of the calibration NVRAM at 0x1F0000 (FM region; position in
 * it modelled), MT1939 at 0x1E2000 in CM's information region (modelled). A download that overwrote
 * the unit's data without keeping it leaves no serial: what a real unit would show is not known.
 */
final class UnitSerial {
    private UnitSerial() {
    }

    static Optional<String> read(LayoutPersonality layout, byte[] flash) {
        if (layout.serialOffset().isEmpty()) {
            return Optional.empty();
        }
        int at = layout.serialOffset().get();
        for (int i = at; i < at + 16; i++) {
            if (flash[i] < 0x20 || flash[i] > 0x7E) {
                return Optional.empty();
            }
        }
        String s = new String(flash, at, 16, StandardCharsets.US_ASCII).strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
