package dev.odflash.image.extract;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.odflash.bytes.Sha256;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target for the PE extractor (issue 4 §5): {@link Extractor#extract} on arbitrary bytes, seeded
 * with small hand-made PEs (resource tree, overlay with a zip, HEX text, XFlash table) in
 * src/test/resources/dev/odflash/image/extract/ExtractorFuzzTestInputs/extractBytes/. Mutated copies of
 * the real mingw-built fixture EXEs are fuzzed in the cli module (ExtractFixtureFuzzTest), which holds
 * them. Properties: {@link #check}.
 */
class ExtractorFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void extractBytes(byte[] file) {
        check(file);
    }

    /**
     * extract declares no exception, so any throw is a finding. Beyond that: it leaves its input alone;
     * the same bytes give the same extraction; a file that is not a PE yields a reason and no
     * candidates; candidates are best first, each no larger than any firmware (16 MiB), bounded in
     * number and in total bytes held, and each carries the report identify gives its bytes.
     */
    static Extraction check(byte[] file) {
        byte[] before = file.clone();
        Extraction x = Extractor.extract(file);
        assertThat(file).as("extract must not modify its input").isEqualTo(before);
        assertThat(summary(Extractor.extract(file.clone()))).as("same bytes, same extraction").isEqualTo(summary(x));
        if (x.notPe().isPresent()) {
            assertThat(x.candidates()).isEmpty();
            assertThat(x.notPe().get()).isNotBlank();
        }
        assertThat(x.candidates()).hasSizeLessThanOrEqualTo(Extractor.MAX_CANDIDATES);
        long held = 0;
        int previous = Integer.MAX_VALUE;
        for (Candidate c : x.candidates()) {
            assertThat(c.image().length).isBetween(1, 16 << 20);
            assertThat(c.score()).isLessThanOrEqualTo(previous);
            previous = c.score();
            held += c.image().length;
        }
        assertThat(held).as("bytes held by candidates").isLessThanOrEqualTo(Extractor.MAX_CANDIDATE_BYTES);
        return x;
    }

    /** What an extraction says, comparable with equals (Candidate holds a byte[], compared by identity). */
    static List<String> summary(Extraction x) {
        List<String> out = new java.util.ArrayList<>();
        out.add(x.notPe() + " upx=" + x.upx());
        x.candidates().forEach(c -> out.add(c.origin() + " " + Sha256.hex(c.image()) + " " + c.form() + " " + c.score()
                + " " + c.reasons() + " " + c.report()));
        out.addAll(x.findings());
        out.addAll(x.notes());
        return out;
    }
}
