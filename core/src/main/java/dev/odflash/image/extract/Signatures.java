package dev.odflash.image.extract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Container magic numbers odflash looks for inside an updater, each from its format's own document:
 * ZIP local header {@code PK 03 04} (PKWARE APPNOTE 4.3.7), 7z {@code 37 7A BC AF 27 1C} (7-Zip
 * 7zFormat.txt), RAR {@code Rar! 1A 07} (RAR technote), CAB {@code MSCF 00 00 00 00} (MS-CAB), gzip
 * {@code 1F 8B 08} (RFC 1952), the NSIS and Inno Setup installer markers, and "UPX!" (UPX's packer
 * header). ZIP and 7z are opened; the others are reported by name.
 */
public final class Signatures {
    public enum Kind {
        ZIP("ZIP archive", true), SEVEN_ZIP("7z archive", true), RAR("RAR archive", false), CAB("Microsoft CAB archive", false),
        GZIP("gzip stream", false), NSIS("NSIS installer data", false), INNO("Inno Setup installer data", false),
        UPX("UPX packer header", false);

        public final String text;
        public final boolean opened;

        Kind(String text, boolean opened) {
            this.text = text;
            this.opened = opened;
        }
    }

    public record Hit(Kind kind, int offset) {
    }

    private static final byte[][] PATTERNS = {
            {'P', 'K', 3, 4}, {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C}, {'R', 'a', 'r', '!', 0x1A, 0x07},
            {'M', 'S', 'C', 'F', 0, 0, 0, 0}, {0x1F, (byte) 0x8B, 0x08},
            {(byte) 0xEF, (byte) 0xBE, (byte) 0xAD, (byte) 0xDE, 'N', 'u', 'l', 'l', 's', 'o', 'f', 't'},
            "Inno Setup Setup Data".getBytes(StandardCharsets.US_ASCII), "UPX!".getBytes(StandardCharsets.US_ASCII)};
    static final int MAX_HITS = 64;

    private Signatures() {
    }

    /** Hits in {@code data[from, to)}, at most {@link #MAX_HITS}; gzip only at the start (its 3 bytes are too common). */
    public static List<Hit> scan(byte[] data, int from, int to) {
        List<Hit> hits = new ArrayList<>();
        Kind[] kinds = Kind.values();
        for (int i = from; i < to && hits.size() < MAX_HITS; i++) {
            for (int k = 0; k < PATTERNS.length; k++) {
                if (matches(data, i, to, PATTERNS[k]) && (kinds[k] != Kind.GZIP || i == from)) {
                    hits.add(new Hit(kinds[k], i));
                }
            }
        }
        return hits;
    }

    static boolean matches(byte[] d, int at, int to, byte[] p) {
        if (at + p.length > to || d[at] != p[0]) {
            return false;
        }
        for (int j = 1; j < p.length; j++) {
            if (d[at + j] != p[j]) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] d, byte[] p, int from, int to) {
        for (int i = Math.max(0, from); i + p.length <= to; i++) {
            if (matches(d, i, to, p)) {
                return i;
            }
        }
        return -1;
    }
}
