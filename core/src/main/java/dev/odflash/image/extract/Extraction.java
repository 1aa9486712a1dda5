package dev.odflash.image.extract;

import java.util.List;
import java.util.Optional;

/**
 * What {@link Extractor} found in a file: whether it is a PE (and why not), whether it is UPX-packed,
 * the candidates best first, the containers seen (by name and place) and notes on what was cut or
 * could not be read, and how much was scanned.
 */
public record Extraction(Optional<String> notPe, boolean upx, List<Candidate> candidates, List<String> findings,
                         List<String> notes, Scans scans) {
    /**
     * How much of the file was scanned: distinct ranges scanned, references to a range already scanned (resource
     * entries sharing one blob, sections overlapping) that were not scanned again, and the bytes scanned in all.
     */
    public record Scans(int ranges, int repeats, long bytes) {
    }

    public static final String UPX_ADVICE = "the updater is packed with UPX: unpack it first with `upx -d FILE`"
            + " (https://upx.github.io; odflash does not unpack UPX), then run extract on the unpacked file";

    public Extraction {
        candidates = List.copyOf(candidates);
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }

    public List<Candidate> flashable() {
        return candidates.stream().filter(Candidate::flashable).toList();
    }
}
