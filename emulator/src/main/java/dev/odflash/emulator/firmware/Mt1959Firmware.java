package dev.odflash.emulator.firmware;

import dev.odflash.bytes.Ascii;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Synthetic MT1959 firmware (layout {@code mt1959}, LG/ASUS BD), docs/protocols.md §4.3 and §2.2: 2 MiB;
 * boot area 0-0xFFFF (the same in every version) with the 0x20-byte boot config at 0x3000 starting with
 * the boot ID (RD); Thumb-like firmware from 0x10000; the CMAC table at 0x10400 (OD: {enabled, start,
 * end inclusive, MAC[16]} LE, 0xFFFFFFFF unused) whose MACs are computed with a key the caller gives
 * (tests use a made-up key; no vendor key is known to or shipped by odflash) by the emulator's own
 * {@link EmulatorCmac}, never the host's; an INQUIRY template at
 * 0x20000 (modelled: where the identity strings sit in real images is not public); the identity page at
 * 0x1EC000 (modelled content) and the calibration NVRAM at 0x1F0000: blank in a download image, filled
 * with one unit's data in a raw dump ({@code unit} given).
 */
public final class Mt1959Firmware {
    public record Model(String vendor, String product, String bootId, List<String> versions) {
    }

    /** ASUS BW-16D1HT (RD allow-list, boot ID JB8; 3.02 appears in the OD README) and the LG BU40N (BU5). */
    public static final List<Model> MODELS = List.of(
            new Model("ASUS", "BW-16D1HT", "MT1959 Boot JB8 ", List.of("3.00", "3.01", "3.02", "3.10")),
            new Model("HL-DT-ST", "BD-RE BU40N", "MT1959 Boot BU5 ", List.of("1.00", "1.01", "1.02", "1.03")));
    public static final int SIZE = 0x200000;
    static final int TEMPLATE = 0x20000;
    static final int IDENTITY_PAGE = 0x1EC000;
    static final int CALIBRATION = 0x1F0000;

    private Mt1959Firmware() {
    }

    public static Model model(String product) {
        return MODELS.stream().filter(m -> m.product().equals(product)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no synthetic mt1959 model '" + product + "'"));
    }

    /**
     * @param key  the AES-128 key the CMAC table is computed with (16 bytes)
     * @param unit a unit's serial: its calibration is written at 0x1F0000 (a raw dump); empty: blank
     */
    public static byte[] generate(String product, String version, byte[] key, Optional<String> unit) {
        Model m = model(product);
        int steps = m.versions().indexOf(version);
        if (steps < 0) {
            throw new IllegalArgumentException("no synthetic " + product + " version '" + version + "' ("
                    + String.join(", ", m.versions()) + ")");
        }
        long seed = ArmBody.seed("mt1959", m.vendor(), m.product());
        byte[] image = new byte[SIZE];
        Arrays.fill(image, (byte) 0xFF);
        RandomGenerator rng = Mtk8051Firmware.generator(seed, 0);
        ArmBody.fill(image, 0, 0x10000, rng);
        Arrays.fill(image, 0x3000, 0x3020, (byte) 0x00);
        Ascii.put(image, 0x3000, 16, m.bootId());                   // RD: boot ID, first 16 bytes of the config
        for (int i = 0x3010; i < 0x3020; i++) {
            image[i] = (byte) rng.nextInt(256);                      // rest of the boot config (modelled)
        }
        ArmBody.fill(image, 0x10000, 0x1EC000, rng);
        for (int step = 1; step <= steps; step++) {
            ArmBody.step(image, 0x11000, 0x1EC000, Mtk8051Firmware.generator(seed, step));
        }
        byte[] template = {0x05, (byte) 0x80, 0x00, 0x32, 0x5B, 0x00, 0x00, 0x00};
        System.arraycopy(template, 0, image, TEMPLATE, template.length);
        Ascii.put(image, TEMPLATE + 8, 8, m.vendor());
        Ascii.put(image, TEMPLATE + 16, 16, m.product());
        Ascii.put(image, TEMPLATE + 32, 4, version);
        Ascii.put(image, TEMPLATE + 36, 16, "2019/0" + (steps + 1) + "/15");
        Arrays.fill(image, IDENTITY_PAGE, IDENTITY_PAGE + 0x100, (byte) 0x00);
        Ascii.put(image, IDENTITY_PAGE, 32, m.vendor() + " " + m.product() + " " + version);
        unit.ifPresent(serial -> calibration(image, seed, serial));
        cmacTable(image, key);
        return image;
    }

    private static void calibration(byte[] image, long seed, String serial) {
        RandomGenerator rng = Mtk8051Firmware.generator(seed ^ ArmBody.seed(serial), 7);
        Ascii.put(image, CALIBRATION, 16, serial);
        for (int i = CALIBRATION + 16; i < CALIBRATION + 0x2000; i++) {
            image[i] = (byte) rng.nextInt(256); // learnt laser/servo values: one unit's own
        }
    }

    private static void cmacTable(byte[] image, byte[] key) {
        int[][] ranges = {{0x11000, 0x7FFFF}, {0x80000, 0x1EBFFF}};
        Arrays.fill(image, 0x10400, 0x10400 + 16 * 0x1C, (byte) 0xFF);
        for (int i = 0; i < ranges.length; i++) {
            int at = 0x10400 + i * 0x1C;
            Mt1939Firmware.le32(image, at, 1);
            Mt1939Firmware.le32(image, at + 4, ranges[i][0]);
            Mt1939Firmware.le32(image, at + 8, ranges[i][1]);
            System.arraycopy(EmulatorCmac.mt1959(key, image, ranges[i][0], ranges[i][1]), 0, image, at + 12, 16);
        }
    }
}
