package dev.odflash.drive;

import java.util.Locale;

/** The image format a drive's flash holds (docs/architecture.md "Families and layouts"). */
public enum ImageLayout {
    MTK8051("mtk8051", 0, true), BTC("btc", 0x100000, false), TSST_MT1339("tsst-mt1339", 0x40000, true),
    SD616("sd616", 0x20000, true), MT1939("mt1939", 0x200000, false), MT1959("mt1959", 0x200000, false);

    private final String word;
    private final long size;
    private final boolean datedTemplate;

    ImageLayout(String word, long size, boolean datedTemplate) {
        this.word = word;
        this.size = size;
        this.datedTemplate = datedTemplate;
    }

    /**
     * Whether the layout's identity is the 8051-era INQUIRY template, which carries a 16-byte date
     * (docs/protocols.md §4.1, OP); BTC, MT1939 and MT1959 identities carry none.
     */
    public boolean datedTemplate() {
        return datedTemplate;
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
