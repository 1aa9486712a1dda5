package dev.odflash.emulator.firmware;

import dev.odflash.bytes.Ascii;
import dev.odflash.bytes.Sha256;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Synthetic 8051-era MediaTek firmware (layout {@code mtk8051}): vendor images cannot be shipped, so
 * the emulator builds structurally faithful ones (docs/architecture.md "Synthetic firmware", docs/protocols.md
 * §4.1 from OmniPatcher):
 * <ul>
 *   <li>sizes 128 KiB-1 MiB, in 64 KiB banks that each start with 0x02 (8051 LJMP) and a target,
 *       as OP's {@code fw_mtk_isokay} demands;</li>
 *   <li>a 16 KiB boot region (0x0000-0x3FFF: reset and interrupt vectors, boot code) that every
 *       version of one vendor/product/size shares byte for byte;</li>
 *   <li>0x02 at 0x4000 (OP's alternative validity check) and the INQUIRY template
 *       {@code 05 80 00 32 5B 00 00 00} + vendor(8) + product(16) + revision(4) + date(16) at
 *       {@link #TEMPLATE_OFFSET}, where OP's {@code getfwid} searches (after 0x4000);</li>
 *   <li>a bank-select routine {@code E5 90 54 xx B4 00} in bank 0 after 0x4000 (OP {@code fw_parse}),
 *       its mask by size as OP expects it: 0x0F (not rebanked) in 1 MiB images, 0x07 (8 banks) in the
 *       others;</li>
 *   <li>bank contents that look like 8051 code ({@link CodeWriter}) followed by an unused 0xFF tail;</li>
 *   <li>"LITEONIT" at 0xFFF8 when the vendor is LiteOn (OP's alternative check for LiteOn images).</li>
 * </ul>
 * Versions 1.00 → 1.10 → 1.20 → 1.35 form a chain; each differs from the previous in 10-30 % of the
 * image's 4 KiB sectors, all outside the boot region (docs/architecture.md "Contracts", Emulated drives),
 * with the mix of change kinds described in {@link VersionStep}.
 *
 * <p>Everything is derived from the arguments (a SHA-256 of vendor, product and size seeds the
 * generators), so the same arguments always give the same bytes.
 */
public final class Mtk8051Firmware {
    public static final List<String> VERSIONS = List.of("1.00", "1.10", "1.20", "1.35");
    public static final List<Integer> SIZES = List.of(0x20000, 0x40000, 0x80000, 0x100000);

    public static final int BANK = 0x10000;
    public static final int SECTOR = 0x1000;
    public static final int BOOT_REGION = 0x4000;
    /** Where the INQUIRY template sits: after 0x4000, the same offset in every version. */
    public static final int TEMPLATE_OFFSET = 0x4100;
    /** INQUIRY template header: peripheral type 05 (CD/DVD), RMB 80, version 00, format 32, additional length 5B (OP getfwid). */
    static final byte[] TEMPLATE_HEADER = {0x05, (byte) 0x80, 0x00, 0x32, 0x5B, 0x00, 0x00, 0x00};
    static final int TEMPLATE_LENGTH = 8 + 8 + 16 + 4 + 16;
    /** Bank-select routine: MOV A,P1 / ANL A,#mask / CJNE A,#00h,rel (OP fw_parse; decoding is docs/protocols.md's [I]). */
    static final int BANK_SELECT_OFFSET = 0x4180;

    /** The bank-select mask OP accepts for this size: 0x0F in a 1 MiB image, 0x07 in the others (docs/protocols.md §4.1). */
    static int bankSelectMask(int size) {
        return size == 0x100000 ? 0x0F : 0x07;
    }
    static final int LITEON_MARKER_OFFSET = 0xFFF8;

    /** One plausible build date per version, as the template's 16-byte date field carries it ("2003/05/14"). */
    private static final Map<String, String> DATES = Map.of(
            "1.00", "2003/02/11", "1.10", "2003/05/14", "1.20", "2003/09/02", "1.35", "2004/01/20");

    private Mtk8051Firmware() {
    }

    public static String dateOf(String version) {
        requireVersion(version);
        return DATES.get(version);
    }

    public static byte[] generate(String vendor, String product, String version, int size) {
        requireField("vendor", vendor, 8);
        requireField("product", product, 16);
        requireVersion(version);
        if (!SIZES.contains(size)) {
            throw new IllegalArgumentException("mtk8051 images are 128 KiB, 256 KiB, 512 KiB or 1 MiB, not " + size + " bytes");
        }
        long seed = seed(vendor, product, size);
        byte[] image = base(vendor, product, size, seed);
        writeTemplate(image, vendor, product, VERSIONS.getFirst());
        int steps = VERSIONS.indexOf(version);
        for (int step = 1; step <= steps; step++) {
            new VersionStep(image, generator(seed, step)).apply(VERSIONS.get(step), vendor, product);
        }
        return image;
    }

    /** Writes the INQUIRY template for {@code version} at {@link #TEMPLATE_OFFSET}. */
    static void writeTemplate(byte[] image, String vendor, String product, String version) {
        int at = TEMPLATE_OFFSET;
        System.arraycopy(TEMPLATE_HEADER, 0, image, at, TEMPLATE_HEADER.length);
        Ascii.put(image, at + 8, 8, vendor);
        Ascii.put(image, at + 16, 16, product);
        Ascii.put(image, at + 32, 4, version);
        Ascii.put(image, at + 36, 16, DATES.get(version));
    }

    /** Version 1.00 before its template: vectors, boot code, per-bank code and free tails. */
    private static byte[] base(String vendor, String product, int size, long seed) {
        byte[] image = new byte[size];
        Arrays.fill(image, (byte) 0xFF);
        RandomGenerator rng = generator(seed, 0);

        // Boot region: LJMP 0x0030 at the reset vector, LJMPs at the interrupt vectors 0x03, 0x0B,
        // 0x13, 0x1B, 0x23 (MCS-51 vector table), boot code to ~0x3A00, then free space to 0x4000.
        ljmp(image, 0, 0x0030);
        for (int vector = 0x03; vector <= 0x23; vector += 8) {
            ljmp(image, vector, 0x0030 + rng.nextInt(0x3000));
        }
        int bootEnd = 0x3800 + 16 * rng.nextInt(0x20);
        new CodeWriter(rng, 0x0030, bootEnd).fill(image, 0x0030, bootEnd);

        // Bank 0 after the boot region: LJMP at 0x4000, a jump table, the template slot, the
        // bank-select routine, then code.
        ljmp(image, BOOT_REGION, 0x4200);
        for (int at = BOOT_REGION + 3; at + 3 <= BOOT_REGION + 0xC0; at += 3) {
            ljmp(image, at, 0x4200 + rng.nextInt(0x8000));
        }
        byte[] bankSelect = {(byte) 0xE5, (byte) 0x90, 0x54, (byte) bankSelectMask(size), (byte) 0xB4, 0x00, 0x03, 0x02,
                0x42, 0x00, 0x22};
        System.arraycopy(bankSelect, 0, image, BANK_SELECT_OFFSET, bankSelect.length);

        for (int bank = 0; bank < size / BANK; bank++) {
            int base = bank * BANK;
            // 55-80 % of each bank holds code; the rest is the free tail later versions grow into.
            int used = (int) (BANK * (0.55 + 0.25 * rng.nextDouble())) & ~0xF;
            int codeStart = bank == 0 ? 0x4200 : 0x0040;
            if (bank > 0) {
                ljmp(image, base, 0x0040);
                for (int vector = 0x03; vector <= 0x23; vector += 8) {
                    ljmp(image, base + vector, 0x0030 + rng.nextInt(0x3000));
                }
            }
            new CodeWriter(rng, codeStart, used).fill(image, base + codeStart, base + used);
        }
        if (vendor.toUpperCase(Locale.ROOT).startsWith("LITE")) {
            // OP's alternative LiteOn check: bytes 0xFFF8-0xFFFF = "LITEONIT" (docs/protocols.md §4.1).
            byte[] mark = "LITEONIT".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(mark, 0, image, LITEON_MARKER_OFFSET, mark.length);
        }
        return image;
    }

    static void ljmp(byte[] image, int at, int target) {
        image[at] = 0x02;
        image[at + 1] = (byte) (target >> 8);
        image[at + 2] = (byte) target;
    }

    static RandomGenerator generator(long seed, int stream) {
        return RandomGeneratorFactory.<RandomGenerator>of("L64X128MixRandom").create(seed + 0x9E3779B97F4A7C15L * stream);
    }

    private static long seed(String vendor, String product, int size) {
        byte[] d = Sha256.digest().digest((vendor + "\0" + product + "\0" + size).getBytes(StandardCharsets.US_ASCII));
        long s = 0;
        for (int i = 0; i < 8; i++) {
            s = s << 8 | (d[i] & 0xFF);
        }
        return s;
    }

    private static void requireVersion(String version) {
        if (!VERSIONS.contains(version)) {
            throw new IllegalArgumentException("no synthetic mtk8051 version '" + version + "' (" + String.join(", ", VERSIONS) + ")");
        }
    }

    private static void requireField(String what, String value, int width) {
        if (value == null || value.isEmpty() || value.length() > width
                || !Ascii.isPrintable(value.getBytes(StandardCharsets.US_ASCII), 0, value.length())
                || !value.chars().allMatch(c -> c < 0x80)) {
            throw new IllegalArgumentException(what + " must be 1-" + width + " printable ASCII characters: '" + value + "'");
        }
    }
}
