package dev.odflash.image;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz targets for the image analyser (issue 4 §5). In a plain `./mvnw verify` they replay their seeds
 * (src/test/resources/dev/odflash/image/ImageFuzzTestInputs/<method>/); scripts/fuzz-short.sh runs
 * each with JAZZER_FUZZ=1 for maxDuration. Properties: {@link ReportProperties}.
 */
class ImageFuzzTest {
    /** Every size a layout accepts (docs/protocols.md §4): the recognisers only look deeper at these. */
    private static final int[] SIZES = {0x20000, 0x40000, 0x80000, 0x100000, 0x200000};
    /**
     * Where the recognisers read (docs/protocols.md §4): MT1959 banner 0x3000, identity page 0x1EC000,
     * calibration 0x1F0000; MT1939 signature table 0x10400, infonub 0x1FFFD0, sum 0x1FFFFE; BTC identity
     * 0x40BC; 8051 bank starts and the INQUIRY template area after 0x4000. Fuzzer bytes are patched
     * near these, so a small input reaches code a blind 2 MiB input never would.
     */
    private static final int[] SPOTS = {0, 0x3000, 0x4000, 0x40BC, 0x4100, 0x10000, 0x10400, 0x20000, 0x30000,
            0x1EC000, 0x1F0000, 0x1FFFD0, 0x1FFFFE};

    @FuzzTest(maxDuration = "30s")
    void identifyBytes(byte[] data) {
        ReportProperties.check(data, Optional.empty());
    }

    @FuzzTest(maxDuration = "30s")
    void identifyLaidOut(FuzzedDataProvider d) {
        byte[] key = d.consumeBoolean() ? ReportProperties.key16(d.consumeBytes(16)) : null;
        ReportProperties.check(laidOut(d), Optional.ofNullable(key));
    }

    @FuzzTest(maxDuration = "30s")
    void loadFile(byte[] data) {
        byte[] before = data.clone();
        FirmwareFiles.Loaded loaded;
        try {
            loaded = FirmwareFiles.load(data);
        } catch (ImageFormatException e) {
            assertThat(IntelHex.looksLikeHex(data)).as("only HEX decoding can fail").isTrue();
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(ReportProperties.MAX_TEXT);
            assertThatFailsAgain(data, e.getMessage());
            return;
        }
        assertThat(data).isEqualTo(before);
        if (loaded.form() == FirmwareFiles.Form.BIN) {
            assertThat(loaded.image()).isEqualTo(data);
        } else {
            assertThat(loaded.image().length).isBetween(IntelHex.BANK, IntelHex.MAX_IMAGE).matches(n -> n % IntelHex.BANK == 0);
        }
        ReportProperties.check(loaded.image(), Optional.empty());
    }

    /** An image of a layout's size, filled with one byte, with fuzzer bytes patched near the spots. */
    static byte[] laidOut(FuzzedDataProvider d) {
        byte[] image = new byte[d.pickValue(SIZES)];
        Arrays.fill(image, d.consumeByte());
        while (d.remainingBytes() > 3) {
            int at = d.pickValue(SPOTS) + d.consumeInt(0, 0x1FF);
            byte[] patch = d.consumeBytes(d.consumeInt(1, 64));
            if (at + patch.length <= image.length) {
                System.arraycopy(patch, 0, image, at, patch.length);
            }
        }
        return image;
    }

    private static void assertThatFailsAgain(byte[] data, String message) {
        try {
            FirmwareFiles.load(data.clone());
            throw new AssertionError("second load of the same bytes succeeded after: " + message);
        } catch (ImageFormatException again) {
            assertThat(again.getMessage()).as("same bytes, same error").isEqualTo(message);
        }
    }
}
