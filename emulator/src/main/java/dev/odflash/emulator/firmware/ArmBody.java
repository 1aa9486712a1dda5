package dev.odflash.emulator.firmware;

import dev.odflash.bytes.Sha256;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Filler that looks like ARM Thumb firmware for the 2 MiB MT19xx images (docs/protocols.md §4.3: "the
 * firmware is ARM Thumb code"): little-endian halfwords from the encodings such code is full of
 * (PUSH {..,LR} B5xx, POP {..,PC} BDxx, BX LR 4770, BL pairs F0xx F8xx, MOVS/CMP/ADDS immediates,
 * LDR literal 48xx-4Fxx, conditional branches Dxxx), now and then an ASCII message, then a blank tail.
 * Versions re-fill 10-30 % of the 4 KiB sectors of a region, so one version differs from the next
 * as real updates do. Deterministic: everything comes from a seed.
 */
final class ArmBody {
    static final int SECTOR = 0x1000;
    private static final List<String> MESSAGES = List.of("BD-ROM", "BD-R", "DVD+R DL", "SERVO ERR", "LASER POWER CAL",
            "OPC RETRY", "Copyright MediaTek Inc.", "AACS", "FOCUS LOST", "TRAY OPEN");

    private ArmBody() {
    }

    static long seed(String... parts) {
        byte[] d = Sha256.digest().digest(String.join("\0", parts).getBytes(StandardCharsets.US_ASCII));
        long s = 0;
        for (int i = 0; i < 8; i++) {
            s = s << 8 | (d[i] & 0xFF);
        }
        return s;
    }

    /** Fills {@code image[from, to)} with Thumb-like code up to a random 60-90 % and leaves the rest 0xFF. */
    static void fill(byte[] image, int from, int to, RandomGenerator rng) {
        int used = from + (int) ((to - from) * (0.6 + 0.3 * rng.nextDouble())) & ~1;
        code(image, from, used, rng);
        java.util.Arrays.fill(image, used, to, (byte) 0xFF);
    }

    static void code(byte[] image, int from, int to, RandomGenerator rng) {
        int at = from;
        while (at + 2 <= to) {
            if (rng.nextInt(400) == 0) {
                byte[] m = MESSAGES.get(rng.nextInt(MESSAGES.size())).getBytes(StandardCharsets.US_ASCII);
                int n = Math.min(m.length, to - at);
                System.arraycopy(m, 0, image, at, n);
                at += n + (n & 1);
                continue;
            }
            int h = halfword(rng);
            image[at] = (byte) h;
            image[at + 1] = (byte) (h >> 8);
            at += 2;
        }
    }

    private static int halfword(RandomGenerator rng) {
        int pick = rng.nextInt(100);
        if (pick < 8) return 0xB500 | rng.nextInt(256);           // PUSH {rlist, LR}
        if (pick < 16) return 0xBD00 | rng.nextInt(256);          // POP {rlist, PC}
        if (pick < 19) return 0x4770;                             // BX LR
        if (pick < 27) return 0xF000 | rng.nextInt(0x800);        // BL prefix
        if (pick < 35) return 0xF800 | rng.nextInt(0x800);        // BL suffix
        if (pick < 50) return 0x2000 | rng.nextInt(0x2000);       // MOVS/CMP Rd,#imm8
        if (pick < 62) return 0x4800 | rng.nextInt(0x800);        // LDR Rd,[PC,#imm]
        if (pick < 72) return 0xD000 | rng.nextInt(0xE00);        // B<cond>
        if (pick < 84) return 0x6800 | rng.nextInt(0x1000);       // LDR/STR Rd,[Rn,#imm]
        return 0x1800 | rng.nextInt(0x800);                       // ADDS/SUBS register
    }

    /** Version step: re-fill 10-30 % of the sectors of {@code [from, to)} with new code. */
    static void step(byte[] image, int from, int to, RandomGenerator rng) {
        int sectors = (to - from) / SECTOR;
        int change = (int) (sectors * (0.10 + 0.20 * rng.nextDouble()));
        for (int i = 0; i < change; i++) {
            int s = from + rng.nextInt(sectors) * SECTOR;
            code(image, s, s + SECTOR, rng);
        }
    }
}
