package dev.odflash.emulator.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.odflash.emulator.firmware.HexWriter;
import dev.odflash.image.FirmwareFiles;
import dev.odflash.image.ImageFormatException;
import dev.odflash.family.ImageIdentifier;
import dev.odflash.image.ImageReport;
import dev.odflash.image.IntelHex;

import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz targets that need the emulator (issue 4 §5): generated images of every family, patched by the
 * fuzzer, through identify; and the Intel-HEX round trip through the emulator's independent
 * {@link HexWriter}. The core module's ImageFuzzTest and IntelHexFuzzTest cover arbitrary bytes.
 */
class FirmwareFuzzTest {
    /**
     * identify of a patched valid image, with and without the key its CMAC table was made with: no
     * throw, same report twice, the size reported, a layout whenever every check passed, and an
     * untouched image (the boot banner, identity and sums are all re-derived from the bytes).
     */
    @FuzzTest(maxDuration = "30s")
    void identifyPatched(FuzzedDataProvider d) {
        Optional<byte[]> key = d.consumeBoolean() ? Optional.of(GeneratedImages.KEY.clone()) : Optional.empty();
        byte[] image = GeneratedImages.patched(d);
        byte[] before = image.clone();
        ImageReport r = ImageIdentifier.identify(image, key);
        assertThat(image).isEqualTo(before);
        assertThat(ImageIdentifier.identify(image.clone(), key)).isEqualTo(r);
        assertThat(r.size()).isEqualTo(image.length);
        assertThat(r.checks().size() + r.warnings().size() + r.regions().size()).isLessThanOrEqualTo(192);
        if (r.flashable()) {
            assertThat(r.layout()).isPresent();
        }
    }

    /**
     * A patched generated image written by HexWriter (banked for images up to 16 banks, plain for all)
     * loads back byte for byte through FirmwareFiles, and identifies the same as the binary.
     */
    @FuzzTest(maxDuration = "30s")
    void hexOfImageRoundTrips(FuzzedDataProvider d) throws ImageFormatException {
        byte[] image = GeneratedImages.patched(d);
        boolean banked = image.length <= IntelHex.MAX_BANKS * IntelHex.BANK && d.consumeBoolean();
        byte[] text = banked ? HexWriter.banked(image) : HexWriter.plain(image);
        FirmwareFiles.Loaded back = FirmwareFiles.load(text);
        assertThat(back.form()).isEqualTo(banked ? FirmwareFiles.Form.MTK_HEX : FirmwareFiles.Form.INTEL_HEX);
        if (banked) {
            assertThat(back.image()).isEqualTo(image);
        } else {
            assertEqualUpToTrailingErased(back.image(), image);
        }
        if (Arrays.equals(back.image(), image)) {
            assertThat(ImageIdentifier.identify(back.image())).isEqualTo(ImageIdentifier.identify(image));
        }
    }

    /**
     * Arbitrary text that parses is re-encoded by HexWriter in its own dialect and parses back equal.
     * Plain HEX has no length field: its image ends at the highest byte written (rounded up to a layout
     * size), and HexWriter leaves out all-0xFF lines as the vendor tools did, so a trailing run of 0xFF
     * may come back shorter; the bytes both hold must agree and the rest be 0xFF.
     */
    @FuzzTest(maxDuration = "30s")
    void parsedTextRoundTrips(byte[] text) throws ImageFormatException {
        IntelHex.Result first;
        try {
            first = IntelHex.parse(text);
        } catch (ImageFormatException e) {
            return; // the core target checks the failures
        }
        boolean banked = first.dialect() == IntelHex.Dialect.MTK_BANKED;
        byte[] again = banked ? HexWriter.banked(first.image()) : HexWriter.plain(first.image());
        boolean allErased = allFF(first.image(), 0, first.image().length);
        if (!banked && allErased) {
            return; // nothing to write: HexWriter emits no data record, which the parser rightly refuses
        }
        IntelHex.Result second = IntelHex.parse(again);
        assertThat(second.dialect()).isEqualTo(first.dialect());
        if (banked) {
            assertThat(second.image()).isEqualTo(first.image());
        } else {
            assertEqualUpToTrailingErased(second.image(), first.image());
        }
    }

    private static void assertEqualUpToTrailingErased(byte[] a, byte[] b) {
        int common = Math.min(a.length, b.length);
        assertThat(Arrays.copyOf(a, common)).isEqualTo(Arrays.copyOf(b, common));
        assertThat(allFF(a, common, a.length) && allFF(b, common, b.length)).as("only erased bytes beyond the common length").isTrue();
    }

    private static boolean allFF(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }
}
