package dev.odflash.cli;

import java.util.Arrays;

/**
 * Minimal PE32 files for extract tests, laid out by the Microsoft PE/COFF specification: MZ, {@code e_lfanew} 0x40,
 * "PE\0\0", the COFF header (section count at 0x46, optional header size 0xE0 at 0x54), the optional header at 0x58
 * (magic 0x10B; 16 data directories from 0xB8, the resource directory's at 0xC8), then 40-byte section headers.
 */
final class CraftedPe {
    private static final int SECTION_TABLE = 0x58 + 0xE0;

    private CraftedPe() {
    }

    private static byte[] headers(int size, int sections) {
        byte[] b = new byte[size];
        b[0] = 'M';
        b[1] = 'Z';
        b[0x3C] = 0x40;
        b[0x40] = 'P';
        b[0x41] = 'E';
        put16(b, 0x44, 0x14C);
        put16(b, 0x46, sections);
        put16(b, 0x54, 0xE0);
        put16(b, 0x58, 0x10B);
        put32(b, 0x58 + 92, 16);
        return b;
    }

    private static int headerSize(int sections) {
        return align(SECTION_TABLE + 40 * sections, 0x200);
    }

    private static void section(byte[] b, int index, String name, long va, long size, long rawOffset) {
        int s = SECTION_TABLE + 40 * index;
        byte[] n = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, b, s, Math.min(8, n.length));
        put32(b, s + 8, size);
        put32(b, s + 12, va);
        put32(b, s + 16, size);
        put32(b, s + 20, rawOffset);
    }

    /** One small .text section and {@code overlay} after it (where appended payloads live). */
    static byte[] withOverlay(byte[] overlay) {
        int h = headerSize(1);
        byte[] b = Arrays.copyOf(headers(h, 1), h + 0x200 + overlay.length);
        section(b, 0, ".text", 0x1000, 0x200, h);
        System.arraycopy(overlay, 0, b, h + 0x200, overlay.length);
        return b;
    }

    /** {@code count} sections (each named .text) that all map the same raw bytes {@code body}. */
    static byte[] overlappingSections(byte[] body, int count) {
        int h = headerSize(count);
        byte[] b = Arrays.copyOf(headers(h, count), h + body.length);
        for (int i = 0; i < count; i++) {
            section(b, i, ".text", 0x1000 + (long) i * align(body.length, 0x1000), body.length, h);
        }
        System.arraycopy(body, 0, b, h, body.length);
        return b;
    }

    /**
     * A .rsrc section whose resource directory has one type (RCDATA) with {@code entries} name entries, every one
     * pointing at the same data entry, i.e. at the one {@code blob}.
     */
    static byte[] resourcesOnOneBlob(byte[] blob, int entries) {
        return resources(blob, entries, false);
    }

    /** As {@link #resourcesOnOneBlob}, but entry i has its own data entry: {@code blob.length - 4096} bytes from i. */
    static byte[] resourcesOnShiftedRanges(byte[] blob, int entries) {
        return resources(blob, entries, true);
    }

    private static byte[] resources(byte[] blob, int entries, boolean shifted) {
        int h = headerSize(1);
        int level2 = 24;
        int dataEntry = align(level2 + 16 + 8 * entries, 16);
        int blobAt = align(dataEntry + 16 * (shifted ? entries : 1), 0x200);
        int rsrcSize = blobAt + blob.length;
        byte[] b = Arrays.copyOf(headers(h, 1), h + rsrcSize);
        section(b, 0, ".rsrc", 0x1000, rsrcSize, h);
        put32(b, 0xB8 + 8 * 2, 0x1000);
        put32(b, 0xB8 + 8 * 2 + 4, rsrcSize);
        int r = h;
        put16(b, r + 14, 1); // root: one ID entry
        put32(b, r + 16, 10); // RT_RCDATA
        put32(b, r + 20, 0x80000000L | level2);
        put16(b, r + level2 + 14, entries);
        for (int i = 0; i < entries; i++) {
            int e = r + level2 + 16 + 8 * i;
            put32(b, e, i + 1);
            put32(b, e + 4, dataEntry + (shifted ? 16 * i : 0)); // a leaf; unshifted, all share one data entry
        }
        for (int i = 0; i < (shifted ? entries : 1); i++) {
            put32(b, r + dataEntry + 16 * i, 0x1000 + blobAt + (shifted ? i : 0));
            put32(b, r + dataEntry + 16 * i + 4, blob.length - (shifted ? 4096 : 0));
        }
        System.arraycopy(blob, 0, b, r + blobAt, blob.length);
        return b;
    }

    static int align(int v, int a) {
        return (v + a - 1) / a * a;
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >> 8);
    }

    private static void put32(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >> (8 * i));
        }
    }
}
