package dev.odflash.nativeio.flashrom;

/**
 * odflash's own power cuts for a libflashrom session (the dummy programmer has none): {@code cut-between:N}
 * loses power before the N-th region write reaches the chip, {@code cut-inside:N} during it, with the write's
 * middle erase block erased and half programmed and the blocks after it untouched, as a real cut leaves a chip
 * mid-write. Counts start at 1; items are joined with {@code +} (a comma would end the programmer parameter).
 */
record FaultPlan(int cutBeforeWrite, int cutInsideWrite) {
    static FaultPlan parse(String text) {
        int between = 0;
        int inside = 0;
        for (String item : text.split("\\+")) {
            String[] kv = item.split(":", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("odflash_fault item '" + item + "': expected cut-between:N or cut-inside:N");
            }
            int n;
            try {
                n = Integer.parseInt(kv[1]);
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1) {
                throw new IllegalArgumentException("odflash_fault item '" + item + "': N must be a whole number from 1");
            }
            switch (kv[0]) {
                case "cut-between" -> between = n;
                case "cut-inside" -> inside = n;
                default -> throw new IllegalArgumentException("odflash_fault item '" + item
                        + "': expected cut-between:N or cut-inside:N");
            }
        }
        return new FaultPlan(between, inside);
    }
}
