package dev.odflash.image;

import dev.odflash.bytes.Ascii;

import java.util.Optional;

/**
 * The standard INQUIRY data template 8051-era MTK firmware carries (docs/protocols.md §4.1, OmniPatcher
 * {@code common_util.pl getfwid}): {@code 05 80 00 <format> <additional length> 00 00 00}, then
 * vendor(8), product(16), revision(4) and a 16-byte date.
 */
public final class InquiryTemplate {
    public static final int HEADER = 8;
    public static final int LENGTH = HEADER + 8 + 16 + 4 + 16;

    /** The search rules: where to start and which format bytes to accept. */
    public enum Rules {
        /** After 0x4000 (past the boot code), format 0x32, additional length 0x5B or 0x1F. */
        STRICT(0x4000, false),
        /** OP's relaxed rules: from offset 0, format 0x31 accepted too (old drives; can mis-detect). */
        RELAXED(0, true);

        final int from;
        final boolean format31;

        Rules(int from, boolean format31) {
            this.from = from;
            this.format31 = format31;
        }
    }

    private InquiryTemplate() {
    }

    /** The first template at or after the rules' start offset, if any. */
    public static Optional<ImageIdentity> find(byte[] image, Rules rules) {
        for (int at = rules.from; at + LENGTH <= image.length; at++) {
            if (matches(image, at, rules)) {
                return Optional.of(new ImageIdentity(
                        Ascii.field(image, at + 8, 8), Ascii.field(image, at + 16, 16),
                        Ascii.field(image, at + 32, 4), Ascii.field(image, at + 36, 16).strip(), at));
            }
        }
        return Optional.empty();
    }

    private static boolean matches(byte[] b, int at, Rules rules) {
        if (b[at] != 0x05 || b[at + 1] != (byte) 0x80 || b[at + 2] != 0x00) {
            return false; // peripheral type 05 (CD/DVD), removable (RMB 0x80), version 0
        }
        int format = b[at + 3];
        if (format != 0x32 && !(rules.format31 && format == 0x31)) {
            return false;
        }
        int additional = b[at + 4];
        return (additional == 0x5B || additional == 0x1F)
                && b[at + 5] == 0 && b[at + 6] == 0 && b[at + 7] == 0;
    }

    /** Whether the vendor, product and revision fields hold only printable ASCII. */
    public static boolean stringsPrintable(byte[] image, long templateOffset) {
        return Ascii.isPrintable(image, (int) templateOffset + HEADER, 8 + 16 + 4);
    }

    public static boolean datePrintable(byte[] image, long templateOffset) {
        return Ascii.isPrintable(image, (int) templateOffset + HEADER + 28, 16);
    }
}
