package dev.odflash.emulator.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.odflash.emulator.firmware.BtcFirmware;
import dev.odflash.emulator.firmware.Mt1939Firmware;
import dev.odflash.emulator.firmware.Mt1959Firmware;
import dev.odflash.emulator.firmware.Mtk8051Firmware;
import dev.odflash.emulator.firmware.TsstFirmware;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Valid synthetic images of every family (the emulator's generators), picked by the fuzzer and then
 * patched with fuzzer bytes: a start deep inside each recogniser, which blind bytes never reach.
 * Generated once each and copied per run (generation costs far more than identify).
 */
final class GeneratedImages {
    static final byte[] KEY = "odflash-fuzz-key".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final List<Supplier<byte[]>> KINDS = List.of(
            () -> Mtk8051Firmware.generate("ASUS", "CRW-5224A", "1.10", 0x20000),
            () -> Mtk8051Firmware.generate("LITE-ON", "LTR-52246S", "1.20", 0x100000),
            () -> BtcFirmware.generate("DRW1008IM", "0058"),
            () -> TsstFirmware.mt1339("DVD-ROM TS-H353B", "SB02"),
            () -> TsstFirmware.sd616("F102"),
            () -> Mt1939Firmware.generate("TS01"),
            () -> Mt1959Firmware.generate("BW-16D1HT", "3.01", KEY, Optional.empty()),
            () -> Mt1959Firmware.generate("BD-RE BU40N", "1.02", KEY, Optional.of("K1234567")));
    private static final Map<Integer, byte[]> CACHE = new ConcurrentHashMap<>();

    private GeneratedImages() {
    }

    static int kinds() {
        return KINDS.size();
    }

    /** One generated image, with up to a few dozen fuzzer patches (offset anywhere, 1-32 bytes). */
    static byte[] patched(FuzzedDataProvider d) {
        int kind = d.consumeInt(0, KINDS.size() - 1);
        byte[] image = CACHE.computeIfAbsent(kind, k -> KINDS.get(k).get()).clone();
        for (int i = 0; i < 32 && d.remainingBytes() > 4; i++) {
            int at = d.consumeInt(0, image.length - 1);
            byte[] patch = d.consumeBytes(d.consumeInt(1, 32));
            System.arraycopy(patch, 0, image, at, Math.min(patch.length, image.length - at));
        }
        return image;
    }
}
