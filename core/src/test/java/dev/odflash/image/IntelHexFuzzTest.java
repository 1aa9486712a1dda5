package dev.odflash.image;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target for the Intel-HEX parser (issue 4 §5) on arbitrary text. Properties: the only failure is
 * {@link ImageFormatException} with a message naming the problem; a parsed image is a whole number of
 * 64 KiB banks within 16 MiB (banked: at most 16 banks), its bank count matches, warnings stay within
 * one per line, and the same text parses to the same image. The re-encode round trip (HexWriter lives
 * in the emulator) is in the emulator's HexRoundTripFuzzTest.
 */
class IntelHexFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void parseText(byte[] text) {
        IntelHex.Result r;
        try {
            r = IntelHex.parse(text);
        } catch (ImageFormatException e) {
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(ReportProperties.MAX_TEXT);
            return;
        }
        int size = r.image().length;
        assertThat(size % IntelHex.BANK).isZero();
        assertThat(size).isBetween(IntelHex.BANK, IntelHex.MAX_IMAGE);
        assertThat(r.banks()).isEqualTo(size / IntelHex.BANK);
        if (r.dialect() == IntelHex.Dialect.MTK_BANKED) {
            assertThat(r.banks()).isBetween(1, IntelHex.MAX_BANKS);
        }
        long lines = 1;
        for (byte b : text) {
            lines += b == '\n' ? 1 : 0;
        }
        assertThat((long) r.warnings().size()).isLessThanOrEqualTo(lines + 1);
        try {
            IntelHex.Result again = IntelHex.parse(text.clone());
            assertThat(again.image()).isEqualTo(r.image());
            assertThat(again.dialect()).isEqualTo(r.dialect());
            assertThat(again.warnings()).isEqualTo(r.warnings());
        } catch (ImageFormatException e) {
            throw new AssertionError("the same text parsed once and failed once: " + e.getMessage(), e);
        }
    }
}
