package dev.odflash.emulator.firmware;

import dev.odflash.bytes.Ascii;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Synthetic MT1939 firmware (layout {@code mt1939}, Samsung SE-506CB), laid out as coastermelt (CM)
 * describes it (docs/protocols.md §4.2): 2 MiB; 0x0000-0x0FFF "encrypted?" page; ARM boot code to 0xDFFF;
 * 8051 image 0xE000-0xFFFF; loadable firmware 0x10000-0x1E1FFF with the signature table at 0x10400
 * (entries {flag, begin, end, signature[16]}, flag 0xFFFFFFFF ends) and a 16-byte key at 0x10FF0;
 * information region 0x1E2000-0x1FFFFF with a signature block at 0x1FF000, the infonub at 0x1FFFD0 and
 * the BE16 checksum (sum of 0x10000-0x1E1FFF) at 0x1FFFFE. Signatures are random bytes (nobody can
 * compute real ones). Revisions are modelled; the boot area is the same in every version.
 */
public final class Mt1939Firmware {
    public static final List<String> VERSIONS = List.of("TS00", "TS01", "TS02", "TS04");
    public static final int SIZE = 0x200000;
    public static final String VENDOR = "TSSTcorp";
    public static final String PRODUCT = "BDDVDW SE-506CB";

    private Mt1939Firmware() {
    }

    public static byte[] generate(String version) {
        int steps = VERSIONS.indexOf(version);
        if (steps < 0) {
            throw new IllegalArgumentException("no synthetic mt1939 version '" + version + "' (" + String.join(", ", VERSIONS) + ")");
        }
        long seed = ArmBody.seed("mt1939", VENDOR, PRODUCT);
        byte[] image = new byte[SIZE];
        java.util.Arrays.fill(image, (byte) 0xFF);
        RandomGenerator rng = Mtk8051Firmware.generator(seed, 0);
        for (int i = 0; i < 0x1000; i++) {
            image[i] = (byte) rng.nextInt(256); // the "encrypted?" page: high entropy
        }
        ArmBody.fill(image, 0x1000, 0xE000, rng);
        ArmBody.fill(image, 0xE000, 0x10000, rng);
        ArmBody.fill(image, 0x10000, 0x1E2000, rng);
        for (int step = 1; step <= steps; step++) {
            ArmBody.step(image, 0x11000, 0x1E2000, Mtk8051Firmware.generator(seed, step));
        }
        signatureTable(image, Mtk8051Firmware.generator(seed, 100 + steps));
        for (int i = 0; i < 16; i++) {
            image[0x10FF0 + i] = (byte) rng.nextInt(256);        // key (CM: matched by the block at 0x1FF000)
            image[0x1FF000 + i] = (byte) rng.nextInt(256);
        }
        Ascii.put(image, 0x1FFFD0, 8, VENDOR);
        Ascii.put(image, 0x1FFFD8, 16, PRODUCT);
        Ascii.put(image, 0x1FFFE8, 4, version);
        java.util.Arrays.fill(image, 0x1FFFEC, 0x1FFFFE, (byte) 0x00);
        int sum = 0;
        for (int i = 0x10000; i < 0x1E2000; i++) {
            sum += image[i] & 0xFF;
        }
        image[0x1FFFFE] = (byte) (sum >> 8);
        image[0x1FFFFF] = (byte) sum;
        return image;
    }

    private static void signatureTable(byte[] image, RandomGenerator rng) {
        int[][] ranges = {{0x11000, 0x7FFFF}, {0x80000, 0x13FFFF}, {0x140000, 0x1E1FFF}};
        java.util.Arrays.fill(image, 0x10400, 0x10400 + 16 * 0x1C, (byte) 0xFF);
        for (int i = 0; i < ranges.length; i++) {
            int at = 0x10400 + i * 0x1C;
            le32(image, at, 0);
            le32(image, at + 4, ranges[i][0]);
            le32(image, at + 8, ranges[i][1]);
            for (int j = 0; j < 16; j++) {
                image[at + 12 + j] = (byte) rng.nextInt(256);
            }
        }
    }

    static void le32(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >> 8 * i);
        }
    }
}
