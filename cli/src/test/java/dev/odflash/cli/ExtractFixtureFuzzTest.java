package dev.odflash.cli;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.odflash.bytes.Sha256;
import dev.odflash.image.extract.Candidate;
import dev.odflash.image.extract.Extraction;
import dev.odflash.image.extract.Extractor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the PE extractor with mutated copies of the real mingw-built updater EXEs (docs/testing.md "Fuzz targets";
 * scripts/make-exe-fixtures.sh). It lives here because this module holds the fixtures. The fuzzer's
 * input is not an EXE but a list of edits (pick a fixture; overwrite, insert-by-truncation, or cut at
 * fuzzer-chosen offsets, biased to the headers), so a few bytes of input reach PE headers, resource
 * trees, overlays and the zip of a 146 KB file. Same properties as core's ExtractorFuzzTest: no
 * throw, input untouched, deterministic, candidates best first and within 16 MiB each.
 */
class ExtractFixtureFuzzTest {
    private static final List<byte[]> FIXTURES = List.of(load("updater-rcdata.exe"), load("updater-overlay.exe"),
            load("updater-zip.exe"), load("updater-upx.exe"));

    @FuzzTest(maxDuration = "30s")
    void extractMutatedFixture(FuzzedDataProvider d) {
        byte[] exe = FIXTURES.get(d.consumeInt(0, FIXTURES.size() - 1)).clone();
        for (int i = 0; i < 16 && d.remainingBytes() > 4; i++) {
            // half the edits land in the first 4 KiB (DOS/PE/section headers), the rest anywhere
            int at = d.consumeBoolean() ? d.consumeInt(0, Math.min(0xFFF, exe.length - 1)) : d.consumeInt(0, exe.length - 1);
            switch (d.consumeInt(0, 3)) {
                case 0 -> exe = java.util.Arrays.copyOf(exe, Math.max(2, at)); // truncated download
                case 1 -> exe[at] ^= (byte) (1 << d.consumeInt(0, 7)); // one flipped bit
                default -> {
                    byte[] patch = d.consumeBytes(d.consumeInt(1, 8));
                    System.arraycopy(patch, 0, exe, at, Math.min(patch.length, exe.length - at));
                }
            }
        }
        byte[] before = exe.clone();
        Extraction x = Extractor.extract(exe);
        assertThat(exe).isEqualTo(before);
        assertThat(summary(Extractor.extract(exe.clone()))).isEqualTo(summary(x));
        int previous = Integer.MAX_VALUE;
        for (Candidate c : x.candidates()) {
            assertThat(c.image().length).isBetween(1, 16 << 20);
            assertThat(c.score()).isLessThanOrEqualTo(previous);
            previous = c.score();
        }
    }

    private static List<String> summary(Extraction x) {
        List<String> out = new ArrayList<>(List.of(x.notPe() + " upx=" + x.upx()));
        x.candidates().forEach(c -> out.add(c.origin() + " " + Sha256.hex(c.image()) + " " + c.score() + " " + c.report()));
        out.addAll(x.findings());
        out.addAll(x.notes());
        return out;
    }

    private static byte[] load(String name) {
        try (InputStream in = ExtractFixtureFuzzTest.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
