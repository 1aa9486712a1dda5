package dev.odflash.nativeio.flashrom;

/**
 * odflash's own faults for a libflashrom session (the dummy programmer has no power cuts, and its
 * {@code spi_blacklist}/{@code spi_ignorelist} act on every command of the run, not on one chosen write):
 * {@code cut-between:N} loses power before the N-th region write reaches the chip, {@code cut-inside:N} during
 * it, with the write's middle erase block erased and half programmed and the blocks after it untouched, as a real
 * cut leaves a chip mid-write; {@code erase-fail:N} makes the N-th write's middle erase block refuse its erase
 * (the blocks before it written, as libflashrom erases and writes block by block, and a non-zero return, as a
 * blacklisted erase opcode gives); {@code program-ignored:N} lets the N-th write erase the blocks it changes and
 * program none of them, reporting success (as an ignored program opcode does); {@code wp:START-END} (hex) makes
 * the chip report hardware write protection of that range, refuse writes into it, and lift it on unprotect (the
 * dummy's only part with protection, the 16 MiB W25Q128FV, fits no odflash layout). Counts start at 1; items are
 * joined with {@code +} (a comma would end the programmer parameter).
 */
record FaultPlan(int cutBeforeWrite, int cutInsideWrite, int eraseFailWrite, int programIgnoredWrite,
                 long protectStart, long protectLength) {
    private static final String KINDS = "cut-between:N, cut-inside:N, erase-fail:N, program-ignored:N or wp:START-END";

    static FaultPlan parse(String text) {
        int between = 0;
        int inside = 0;
        int eraseFail = 0;
        int ignored = 0;
        long[] wp = {0, 0};
        for (String item : text.split("\\+")) {
            String[] kv = item.split(":", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("odflash_fault item '" + item + "': expected " + KINDS);
            }
            if (kv[0].equals("wp")) {
                wp = range(item, kv[1]);
                continue;
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
                case "erase-fail" -> eraseFail = n;
                case "program-ignored" -> ignored = n;
                default -> throw new IllegalArgumentException("odflash_fault item '" + item + "': expected " + KINDS);
            }
        }
        return new FaultPlan(between, inside, eraseFail, ignored, wp[0], wp[1]);
    }

    private static long[] range(String item, String text) {
        String[] ends = text.split("-", 2);
        try {
            long start = Long.decode(ends[0]);
            long end = Long.decode(ends[1]);
            if (start >= 0 && end >= start && end < (1L << 32)) {
                return new long[]{start, end - start + 1};
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // falls through to the message
        }
        throw new IllegalArgumentException("odflash_fault item '" + item + "': expected wp:START-END, such as wp:0x10000-0x7FFFF");
    }
}
