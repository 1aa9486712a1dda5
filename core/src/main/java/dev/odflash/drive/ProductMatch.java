package dev.odflash.drive;

import java.util.Locale;

/** How a drive-table row's product string is compared with the INQUIRY product (docs/architecture.md Contracts). */
public enum ProductMatch {
    EXACT, PREFIX, CONTAINS;

    /** The word in drives.json. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a word that is none of the three */
    public static ProductMatch parse(String word) {
        for (ProductMatch m : values()) {
            if (m.word().equals(word)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown product match '" + word + "' (exact, prefix or contains)");
    }

    boolean test(String product, String want) {
        return switch (this) {
            case PREFIX -> product.startsWith(want);
            case CONTAINS -> product.contains(want);
            case EXACT -> product.equals(want);
        };
    }
}
