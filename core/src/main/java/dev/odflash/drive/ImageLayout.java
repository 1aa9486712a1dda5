package dev.odflash.drive;

import java.util.Locale;

/** The image format a drive's flash holds (architecture.md "Families and layouts"). */
public enum ImageLayout {
    MTK8051("mtk8051"), BTC("btc"), TSST_MT1339("tsst-mt1339"), SD616("sd616"), MT1939("mt1939"), MT1959("mt1959");

    private final String word;

    ImageLayout(String word) {
        this.word = word;
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
