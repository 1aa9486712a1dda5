package dev.odflash.image.extract;

import dev.odflash.image.ImageFormatException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small, bounded PE/COFF reader: only what extraction needs (sections, the resource directory's
 * place, the certificate table, the overlay). Offsets are those of the Microsoft PE/COFF specification:
 * {@code e_lfanew} at 0x3C, "PE\0\0", the 20-byte COFF header, the optional header (magic 0x10B PE32,
 * 0x20B PE32+) with its data directories (index 2 resources, 4 certificates), then 40-byte section
 * headers. The overlay (data after the last section) is where appended payloads live (docs/protocols.md §6,
 * BF {@code Utils.cpp}: headers + raw section sizes; anything beyond is the payload).
 * Every offset and count is checked against the file; nothing is trusted.
 */
public record PeFile(boolean pe32Plus, List<Section> sections, long resourceRva, long resourceSize,
                     long certificateOffset, long certificateSize, long overlayOffset, long overlayEnd,
                     List<String> notes) {
    /** The PE/COFF spec's own limit on sections. */
    static final int MAX_SECTIONS = 96;

    public record Section(String name, long virtualAddress, long virtualSize, long rawOffset, long rawSize) {
    }

    /**
     * A Windows program (a vendor updater, most likely), from the first bytes of a file: "MZ", and the
     * PE signature where the DOS header's e_lfanew (u32 at 0x3C) points, when that lies within
     * {@code head}. A firmware image may start with "MZ" by chance; it does not carry "PE\0\0" there too.
     */
    public static boolean isWindowsProgram(byte[] head) {
        if (!looksLikePe(head) || head.length < 0x40) {
            return false;
        }
        long at = u32(head, 0x3C);
        return at >= 0x40 && at + 4 <= head.length && head[(int) at] == 'P' && head[(int) at + 1] == 'E'
                && head[(int) at + 2] == 0 && head[(int) at + 3] == 0;
    }

    public static boolean looksLikePe(byte[] b) {
        return b.length >= 2 && b[0] == 'M' && b[1] == 'Z';
    }

    public static PeFile parse(byte[] b) throws ImageFormatException {
        if (!looksLikePe(b)) {
            throw new ImageFormatException("not a Windows executable (no \"MZ\" at the start)");
        }
        if (b.length < 0x40) {
            throw new ImageFormatException("truncated: " + b.length + " bytes, shorter than a DOS header (64)");
        }
        long lfanew = u32(b, 0x3C);
        if (lfanew < 0x40 || lfanew + 24 > b.length) {
            throw new ImageFormatException(String.format("PE header offset 0x%X (at 0x3C) lies outside the %d-byte file",
                    lfanew, b.length));
        }
        int pe = (int) lfanew;
        if (b[pe] != 'P' || b[pe + 1] != 'E' || b[pe + 2] != 0 || b[pe + 3] != 0) {
            throw new ImageFormatException(String.format("no \"PE\\0\\0\" signature at 0x%X (a DOS program, or damaged)", pe));
        }
        int coff = pe + 4;
        int sectionCount = u16(b, coff + 2);
        int optionalSize = u16(b, coff + 16);
        if (sectionCount == 0 || sectionCount > MAX_SECTIONS) {
            throw new ImageFormatException(sectionCount + " sections: a PE file has 1 to " + MAX_SECTIONS);
        }
        int opt = coff + 20;
        if (opt + optionalSize > b.length || optionalSize < 2) {
            throw new ImageFormatException("optional header (" + optionalSize + " bytes) runs past the end of the file");
        }
        int magic = u16(b, opt);
        boolean plus = magic == 0x20B;
        if (magic != 0x10B && !plus) {
            throw new ImageFormatException(String.format("optional header magic 0x%X is neither PE32 nor PE32+", magic));
        }
        List<String> notes = new ArrayList<>();
        int dirCountAt = opt + (plus ? 108 : 92);
        int dirs = dirCountAt + 4 <= opt + optionalSize ? (int) Math.min(16, u32(b, dirCountAt)) : 0;
        int dirBase = dirCountAt + 4;
        long[] res = directory(b, dirBase, dirs, 2, opt + optionalSize);
        long[] cert = directory(b, dirBase, dirs, 4, opt + optionalSize);

        int table = opt + optionalSize;
        if ((long) table + 40L * sectionCount > b.length) {
            throw new ImageFormatException("section table (" + sectionCount + " × 40 bytes at 0x"
                    + Integer.toHexString(table) + ") runs past the end of the " + b.length + "-byte file");
        }
        List<Section> sections = new ArrayList<>();
        long rawEnd = table + 40L * sectionCount;
        for (int i = 0; i < sectionCount; i++) {
            int s = table + 40 * i;
            String name = new String(b, s, 8, StandardCharsets.ISO_8859_1).replace("\0", "");
            long vsize = u32(b, s + 8);
            long va = u32(b, s + 12);
            long rawSize = u32(b, s + 16);
            long rawOff = u32(b, s + 20);
            if (rawSize > 0 && rawOff + rawSize > b.length) {
                notes.add(String.format("section %s claims raw data 0x%X+0x%X past the end of the file; cut", name, rawOff, rawSize));
                rawSize = Math.max(0, b.length - rawOff);
            }
            sections.add(new Section(name, va, vsize, rawOff, rawSize));
            if (rawSize > 0) {
                rawEnd = Math.max(rawEnd, rawOff + rawSize);
            }
        }
        long overlayEnd = b.length;
        long certOff = cert[0];
        long certSize = cert[1];
        if (certSize > 0 && certOff >= rawEnd && certOff + certSize <= b.length) {
            if (certOff + certSize == b.length) {
                overlayEnd = certOff; // the Authenticode signature is not payload
            }
        } else {
            certOff = 0;
            certSize = 0;
        }
        long overlay = Math.min(rawEnd, b.length);
        return new PeFile(plus, sections, res[0], res[1], certOff, certSize, overlay, Math.max(overlay, overlayEnd), notes);
    }

    /** File offset of an RVA, through the section that maps it; -1 when none does. */
    public long fileOffset(long rva) {
        for (Section s : sections) {
            long span = Math.max(s.virtualSize(), s.rawSize());
            if (rva >= s.virtualAddress() && rva < s.virtualAddress() + span) {
                long off = s.rawOffset() + (rva - s.virtualAddress());
                return rva - s.virtualAddress() < s.rawSize() ? off : -1;
            }
        }
        return -1;
    }

    public long overlaySize() {
        return overlayEnd - overlayOffset;
    }

    private static long[] directory(byte[] b, int base, int count, int index, int limit) {
        int at = base + 8 * index;
        if (index >= count || at + 8 > limit) {
            return new long[]{0, 0};
        }
        return new long[]{u32(b, at), u32(b, at + 4)};
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }
}
