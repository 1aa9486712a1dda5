package dev.odflash.drive;

import java.util.Locale;

/** The image format a drive's flash holds (docs/architecture.md "Families and layouts"). */
public enum ImageLayout {
    MTK8051("mtk8051", 0, true, false), BTC("btc", 0x100000, false, false),
    TSST_MT1339("tsst-mt1339", 0x40000, true, false), SD616("sd616", 0x20000, true, false),
    MT1939("mt1939", 0x200000, false, true), MT1959("mt1959", 0x200000, false, true);

    private final String word;
    private final long size;
    private final boolean datedTemplate;
    private final boolean checksummed;

    ImageLayout(String word, long size, boolean datedTemplate, boolean checksummed) {
        this.word = word;
        this.size = size;
        this.datedTemplate = datedTemplate;
        this.checksummed = checksummed;
    }

    /**
     * Whether the layout's identity is the 8051-era INQUIRY template, which carries a 16-byte date
     * (docs/protocols.md §4.1, OP); BTC, MT1939 and MT1959 identities carry none.
     */
    public boolean datedTemplate() {
        return datedTemplate;
    }

    /**
     * Whether the layout stores a check over its code, so damage inside the code can be detected: MT1939's
     * 16-bit sum at 0x1FFFFE (CM checksum.py), MT1959's AES-CMAC table (checked only with a key). mtk8051,
     * BTC (btcflash computes its header sum from the file, nothing is stored), MT1339 and SD-616 carry
     * none: their checks are structural only (docs/protocols.md §4).
     */
    public boolean checksummed() {
        return checksummed;
    }

    /**
     * The one image size of a download layout (BTC 1 MiB: BT; MT1339 256 KiB: contract inference from RD's
     * END_256KB; SD-616 0x20000: RD; MT1939/MT1959 2 MiB: CM, FM, OD); 0 for mtk8051, whose size is the chip's.
     */
    public long fixedSize() {
        return size;
    }

    public String word() {
        return word;
    }

    public static ImageLayout parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (ImageLayout l : values()) {
            if (l.word.equals(t)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown image layout '" + text + "'");
    }
}
