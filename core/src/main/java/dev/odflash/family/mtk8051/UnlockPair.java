package dev.odflash.family.mtk8051;

import java.util.Map;
import java.util.Optional;

/**
 * The two addresses of a parallel part's JEDEC unlock cycles (AA to the first, 55 to the second), and which pair
 * each parallel part of the chip table takes (docs/protocols.md §2.6.3). UnlockPairTest keeps this table and the
 * chip table's parallel rows in step.
 */
record UnlockPair(int first, int second) {
    static final UnlockPair FULL = new UnlockPair(0x5555, 0x2AAA);
    static final UnlockPair SHORT = new UnlockPair(0x555, 0x2AA);

    UnlockPair other() {
        return equals(FULL) ? SHORT : FULL;
    }

    @Override
    public String toString() {
        return String.format("0x%X/0x%X", first, second);
    }

    /** A part's pair with where it comes from. */
    record Row(UnlockPair pair, String source) {
    }

    private static final String SST = "SST39SF/39VF data sheets' command tables; vendor-mode.md §3 (5555/2AAA for SST39SF)";
    private static final String WINBOND_W29 = "Winbond W29C0x0 data sheets; vendor-mode.md §3 (5555/2AAA for W29C)";
    private static final String AMD_OLD = "inferred: 5555/2AAA as in AMD's 5 V Am29F010 command table (not re-read)";
    private static final String AMD_STYLE = "vendor-mode.md §3 (0x555/0x2AA for AMD-style Am29F0x0); AMD-compatible parts"
            + " inferred to follow it (not re-read per part)";
    private static final String INFERRED_FULL = "inferred: the vendor's 5 V JEDEC parts of this era use 5555/2AAA (not re-read)";

    static final Map<String, Row> BY_PART = Map.ofEntries(
            Map.entry("SST39SF010A", new Row(FULL, SST)), Map.entry("SST39SF020A", new Row(FULL, SST)),
            Map.entry("SST39SF040", new Row(FULL, SST)), Map.entry("SST39VF010", new Row(FULL, SST)),
            Map.entry("SST39VF020", new Row(FULL, SST)), Map.entry("SST39VF040", new Row(FULL, SST)),
            Map.entry("SST39VF080", new Row(FULL, SST)),
            Map.entry("W29C010", new Row(FULL, WINBOND_W29)), Map.entry("W29C020", new Row(FULL, WINBOND_W29)),
            Map.entry("W29C040", new Row(FULL, WINBOND_W29)), Map.entry("W49F002U", new Row(FULL, INFERRED_FULL)),
            Map.entry("MX29F001T", new Row(FULL, INFERRED_FULL)), Map.entry("MX29F001B", new Row(FULL, INFERRED_FULL)),
            Map.entry("MX29F002T", new Row(FULL, INFERRED_FULL)), Map.entry("MX29F002B", new Row(FULL, INFERRED_FULL)),
            Map.entry("MX29LV040", new Row(SHORT, AMD_STYLE)),
            Map.entry("Am29F010", new Row(FULL, AMD_OLD)), Map.entry("Am29F002BT", new Row(SHORT, AMD_STYLE)),
            Map.entry("Am29F002BB", new Row(SHORT, AMD_STYLE)), Map.entry("Am29F040", new Row(SHORT, AMD_STYLE)),
            Map.entry("AT29C010A", new Row(FULL, INFERRED_FULL)), Map.entry("AT29C020", new Row(FULL, INFERRED_FULL)),
            Map.entry("AT49F002", new Row(FULL, INFERRED_FULL)), Map.entry("AT49F002T", new Row(FULL, INFERRED_FULL)),
            Map.entry("A29002T", new Row(SHORT, AMD_STYLE)), Map.entry("A29002B", new Row(SHORT, AMD_STYLE)),
            Map.entry("A29040B", new Row(SHORT, AMD_STYLE)),
            Map.entry("Pm39LV010", new Row(FULL, INFERRED_FULL)), Map.entry("Pm39LV020", new Row(FULL, INFERRED_FULL)),
            Map.entry("Pm39LV040", new Row(FULL, INFERRED_FULL)),
            Map.entry("Pm29F002T", new Row(SHORT, AMD_STYLE)), Map.entry("Pm29F002B", new Row(SHORT, AMD_STYLE)),
            Map.entry("EN29F002T", new Row(SHORT, AMD_STYLE)), Map.entry("EN29F002B", new Row(SHORT, AMD_STYLE)),
            Map.entry("M29F002T", new Row(SHORT, AMD_STYLE)), Map.entry("M29F002B", new Row(SHORT, AMD_STYLE)));

    static Optional<UnlockPair> of(String part) {
        return Optional.ofNullable(BY_PART.get(part)).map(Row::pair);
    }
}
