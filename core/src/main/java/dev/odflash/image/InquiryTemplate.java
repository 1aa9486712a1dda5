package dev.odflash.image;

import dev.odflash.bytes.Ascii;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The standard INQUIRY data template 8051-era MTK firmware carries (docs/protocols.md §4.1, OmniPatcher
 * {@code common_util.pl getfwid}): {@code 05 80 00 <format> <additional length> 00 00 00}, then
 * vendor(8), product(16), revision(4) and a 16-byte date.
 */
public final class InquiryTemplate {
    public static final int HEADER = 8;
    public static final int LENGTH = HEADER + 8 + 16 + 4 + 16;

    /**
     * The search rules: where to start and which format bytes to accept. The relaxed ones are OP's levels
     * 3 and 4 (docs/protocols.md §4.1): format 0x31 accepted too, from 0x4000 and then from 0. OP uses them
     * only for images under 1 MiB, and the identity they find carries no date (old drives; they can
     * mis-detect a DVD-ROM image).
     */
    public enum Rules {
        /** After 0x4000 (past the boot code), format 0x32, additional length 0x5B or 0x1F. */
        STRICT(0x4000, false),
        /** Level 3: after 0x4000, format 0x31 accepted too. */
        RELAXED_AFTER_BOOT(0x4000, true),
        /** Level 4: from offset 0, format 0x31 accepted too. */
        RELAXED_ANYWHERE(0, true);

        final int from;
        final boolean format31;

        Rules(int from, boolean format31) {
            this.from = from;
            this.format31 = format31;
        }
    }

    private InquiryTemplate() {
    }

    /** Images this size or larger are searched by the strict rules only (OP: never relaxed for 1 MiB). */
    public static final int RELAXED_BELOW = 0x100000;
    private static final Pattern PLAUSIBLE_YEAR = Pattern.compile("(?:199|20[01])\\d");

    /**
     * The first template at or after the rules' start offset, if any. A relaxed template carries no date
     * (OP reads none with those rules).
     */
    public static Optional<ImageIdentity> find(byte[] image, Rules rules) {
        if (rules != Rules.STRICT && image.length >= RELAXED_BELOW) {
            return Optional.empty();
        }
        for (int at = rules.from; at + LENGTH <= image.length; at++) {
            if (matches(image, at, rules)) {
                String date = Ascii.field(image, at + 36, 16).strip();
                return Optional.of(new ImageIdentity(
                        Ascii.field(image, at + 8, 8), Ascii.field(image, at + 16, 16),
                        Ascii.field(image, at + 32, 4), rules == Rules.STRICT ? date : "", at));
            }
        }
        return Optional.empty();
    }

    /**
     * The date field names a year OP believes for an 8051-era image: 199x, 200x or 201x (OP {@code getfwid},
     * docs/protocols.md §4.1). Anything else is an unknown date, not the bytes that happen to sit there.
     */
    public static boolean plausibleDate(String date) {
        return PLAUSIBLE_YEAR.matcher(date).find();
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
