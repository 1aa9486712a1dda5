package dev.odflash.image.extract;

import dev.odflash.bytes.Sha256;
import dev.odflash.image.CheckPurpose;
import dev.odflash.image.FirmwareFiles;
import dev.odflash.image.ImageFormatException;
import dev.odflash.family.ImageIdentifier;
import dev.odflash.image.ImageReport;
import dev.odflash.image.IntelHex;
import dev.odflash.image.Sd616Layout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds firmware images inside a vendor updater EXE (docs/protocols.md §6): bytes in, {@link Extraction}
 * out, no file I/O. It looks at every resource, the overlay after the last section (BF: appended
 * payloads), ZIP/7z archives inside those (recursively, within {@link Archives.Budget}), the LiteOn
 * XFlash descriptor table (raw method), and names other containers it cannot open. Each blob of a
 * firmware size is identified as is; larger blobs are carved at their start and end and at every
 * "MT1959 Boot " banner (banner offset 0x3000, docs/protocols.md §4.3); Intel-HEX text is decoded.
 */
public final class Extractor {
    static final int[] IMAGE_SIZES = {0x20000, 0x40000, 0x80000, 0x100000, 0x200000};
    /**
     * Candidates kept, and the bytes they may hold together: 64 real images of the largest layout (2 MiB)
     * fit. Without a cap, small HEX texts that each decode to a distinct 16 MiB image (a zip of 2000 of
     * them fits in the archive budget) made extract hold gigabytes (found by ExtractorFuzzTest's
     * bounded-output property; ExtractorTest's hex-amplification-zip). Past the cap the lowest-scored go.
     */
    static final int MAX_CANDIDATES = 64;
    static final long MAX_CANDIDATE_BYTES = 128L << 20;
    /**
     * Bytes scanned in all (resources, overlay, sections): every distinct range once, and at most this much however
     * many distinct ranges a crafted file declares (4,095 resource entries of 16 MiB each would be 64 GiB).
     */
    static final long MAX_SCANNED = 512L << 20;
    private static final byte[] MT1959_BANNER = "MT1959 Boot ".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, Candidate> bySha = new LinkedHashMap<>();
    private final List<String> findings = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Archives.Budget budget = new Archives.Budget();
    private long held;
    private final Set<List<Long>> scannedRanges = new HashSet<>();
    private final Coverage sectionCoverage = new Coverage();
    private int ranges;
    private int repeats;
    private long scannedBytes;
    private boolean budgetNoted;

    private Extractor() {
    }

    public static Extraction extract(byte[] file) {
        return new Extractor().run(file);
    }

    private Extraction run(byte[] file) {
        PeFile pe;
        try {
            pe = PeFile.parse(file);
        } catch (ImageFormatException e) {
            return new Extraction(Optional.of(e.getMessage()), false, List.of(), List.of(), List.of(),
                    new Extraction.Scans(0, 0, 0));
        }
        notes.addAll(pe.notes());
        boolean upx = pe.sections().stream().anyMatch(s -> s.name().startsWith("UPX"))
                || Signatures.indexOf(file, "UPX!".getBytes(StandardCharsets.US_ASCII), 0, Math.min(file.length, 0x1000)) >= 0;
        if (upx) {
            findings.add("UPX-packed executable (section names UPX0/UPX1 or the \"UPX!\" header)");
        }
        XFlashTable.find(file).ifPresent(t -> xflash(file, t)); // first: on a tie its origin is the more telling
        for (PeResources.Resource r : PeResources.list(file, pe, notes)) {
            considerRange("resource " + r.path(), file, r.fileOffset(), r.size());
        }
        if (pe.overlaySize() > 0) {
            findings.add(String.format("overlay: %d bytes at 0x%X after the last section", pe.overlaySize(), pe.overlayOffset()));
            considerRange("overlay", file, pe.overlayOffset(), pe.overlaySize());
        }
        for (PeFile.Section s : pe.sections()) {
            if (!s.name().equals(".rsrc") && s.rawSize() > 0) {
                scanSection(file, s);
            }
        }
        if (repeats > 0) {
            notes.add(repeats + " resource entries or sections point at data already scanned; each range was scanned once");
        }
        List<Candidate> sorted = bySha.values().stream()
                .sorted(Comparator.comparingInt(Candidate::score).reversed()).toList();
        return new Extraction(Optional.empty(), upx, sorted, findings, notes,
                new Extraction.Scans(ranges, repeats, scannedBytes));
    }

    /** A range of the file looked at as a blob, once however many entries point at it, within {@link #MAX_SCANNED}. */
    private void considerRange(String origin, byte[] file, long offset, long size) {
        if (!scannedRanges.add(List.of(offset, size))) {
            repeats++;
            return;
        }
        if (spend(origin, size)) {
            consider(origin, Arrays.copyOfRange(file, (int) offset, (int) (offset + size)), 0);
        }
    }

    /** A section's containers: only the bytes no earlier section covered are searched for signatures. */
    private void scanSection(byte[] file, PeFile.Section s) {
        List<long[]> fresh = sectionCoverage.claim(s.rawOffset(), s.rawOffset() + s.rawSize());
        if (fresh.isEmpty()) {
            repeats++;
            return;
        }
        byte[] blob = null;
        for (long[] f : fresh) {
            if (!spend("section " + s.name(), f[1] - f[0])) {
                return;
            }
            if (blob == null) {
                blob = Arrays.copyOfRange(file, (int) s.rawOffset(), (int) (s.rawOffset() + s.rawSize()));
            }
            scanContainers("section " + s.name(), blob, (int) (f[0] - s.rawOffset()), (int) (f[1] - s.rawOffset()), 0);
        }
    }

    /** Counts a range to scan; false (with one note) once the scan budget is spent. */
    private boolean spend(String origin, long size) {
        if (scannedBytes + size > MAX_SCANNED) {
            if (!budgetNoted) {
                notes.add(String.format("%s and later ranges not scanned: %d MiB scanned already, the most one"
                        + " extraction scans", origin, MAX_SCANNED >> 20));
                budgetNoted = true;
            }
            return false;
        }
        ranges++;
        scannedBytes += size;
        return true;
    }

    private void xflash(byte[] file, XFlashTable.Table t) {
        findings.add(String.format("LiteOn XFlash descriptor table at 0x%X (ends 0x%X), %d images", t.offset(), t.end(),
                t.images().size()));
        for (XFlashTable.Image i : t.images()) {
            long from = t.end() + i.start();
            if (i.size() <= 0 || from + i.size() > file.length) {
                notes.add("XFlash image " + i.index() + " (" + i.name() + "): start/size point outside the file");
                continue;
            }
            byte[] raw = Arrays.copyOfRange(file, (int) from, (int) (from + i.size()));
            Candidate c = add("XFlash image " + i.index() + " " + i.name() + " (raw method)", raw, FirmwareFiles.Form.BIN);
            if (c != null && !c.flashable()) {
                notes.add("XFlash image " + i.index() + " is not a plain image: it may use a scrambled method (1-3),"
                        + " which odflash does not implement");
            }
        }
    }

    private void consider(String origin, byte[] blob, int depth) {
        if (blob.length == 0) {
            return;
        }
        if (IntelHex.looksLikeHex(blob)) {
            try {
                FirmwareFiles.Loaded l = FirmwareFiles.load(blob);
                if (l.image().length > IMAGE_SIZES[IMAGE_SIZES.length - 1]) {
                    // a few bytes of HEX can address 16 MiB; no known layout is over 2 MiB, and scoring
                    // dozens of such blobs took minutes (ExtractorFuzzTest, seed slow-unit-hex-16mib)
                    notes.add(String.format("%s: Intel-HEX decodes to %d KiB, larger than any firmware; skipped",
                            origin, l.image().length / 1024));
                } else {
                    add(origin + " (" + l.form().text() + ")", l.image(), l.form());
                }
                return;
            } catch (ImageFormatException e) {
                notes.add(origin + ": looks like Intel-HEX but " + e.getMessage());
            }
        }
        if (Sd616Layout.isRearranged(blob)) {
            add(origin + " (SD-616 download buffer, restored)", Sd616Layout.restore(blob), FirmwareFiles.Form.BIN);
        }
        boolean exact = Arrays.stream(IMAGE_SIZES).anyMatch(s -> s == blob.length);
        boolean split = split(origin, blob);
        if (exact && !split) {
            add(origin, blob, FirmwareFiles.Form.BIN);
        } else if (!exact) {
            carve(origin, blob);
        }
        scanContainers(origin, blob, depth);
    }

    /** At most this many images are looked for in one blob split at image boundaries. */
    static final int MAX_SPLIT = 16;

    /**
     * Images laid end to end (an updater for several models, or several versions): the blob split at the
     * boundaries of the smallest image size that divides it, when every piece is an image with its own
     * identity. Each piece is then a candidate, and an exact-size blob is not also offered whole: a 1 MiB
     * blob of two 512 KiB images each with its INQUIRY template is two images, not one. One image has one
     * identity, so its own pieces do not all pass (docs/protocols.md §6, "Images end to end").
     */
    private boolean split(String origin, byte[] blob) {
        for (int size : IMAGE_SIZES) {
            if (size >= blob.length || blob.length % size != 0 || blob.length / size > MAX_SPLIT) {
                continue;
            }
            int n = blob.length / size;
            List<byte[]> pieces = new ArrayList<>();
            List<ImageReport> reports = new ArrayList<>();
            for (int at = 0; at < blob.length; at += size) {
                byte[] piece = Arrays.copyOfRange(blob, at, at + size);
                ImageReport r = ImageIdentifier.identify(piece, CheckPurpose.EXTRACTION);
                if (r.layout().isEmpty() || r.identity().isEmpty()) {
                    break;
                }
                pieces.add(piece);
                reports.add(r);
            }
            if (pieces.size() == n) {
                findings.add(String.format("%s: %d images of %d KiB end to end", origin, n, size / 1024));
                for (int i = 0; i < n; i++) {
                    addReport(String.format("%s, image %d of %d at +0x%X", origin, i + 1, n, i * size), pieces.get(i),
                            FirmwareFiles.Form.BIN, reports.get(i));
                }
                return true;
            }
        }
        return false;
    }

    private void carve(String origin, byte[] blob) {
        for (int size : IMAGE_SIZES) {
            if (size >= blob.length) {
                break;
            }
            carveAt(origin, blob, 0, size);
            carveAt(origin, blob, blob.length - size, size);
        }
        int from = 0;
        for (int hits = 0; hits < 8; hits++) {
            int at = Signatures.indexOf(blob, MT1959_BANNER, from, blob.length);
            if (at < 0) {
                break;
            }
            if (at >= 0x3000 && at - 0x3000 + IMAGE_SIZES[4] <= blob.length) {
                carveAt(origin, blob, at - 0x3000, IMAGE_SIZES[4]);
            }
            from = at + 1;
        }
    }

    private void carveAt(String origin, byte[] blob, int at, int size) {
        byte[] piece = Arrays.copyOfRange(blob, at, at + size);
        ImageReport r = ImageIdentifier.identify(piece, CheckPurpose.EXTRACTION);
        if (r.layout().isPresent()) {
            addReport(String.format("%s, carved at +0x%X", origin, at), piece, FirmwareFiles.Form.BIN, r);
        }
    }

    private void scanContainers(String origin, byte[] blob, int depth) {
        scanContainers(origin, blob, 0, blob.length, depth);
    }

    /** Containers whose signature lies in {@code blob[from, to)}; an archive found is read to the blob's end. */
    private void scanContainers(String origin, byte[] blob, int from, int to, int depth) {
        boolean zipOpened = false;
        for (Signatures.Hit h : Signatures.scan(blob, from, to)) {
            String where = String.format("%s+0x%X", origin, h.offset());
            if (h.kind() == Signatures.Kind.ZIP && zipOpened) {
                continue; // later local headers belong to the archive already read
            }
            findings.add(h.kind().text + " at " + where + (h.kind().opened ? "" : " (reported, not opened)"));
            if (!h.kind().opened) {
                continue;
            }
            if (depth >= Archives.Budget.MAX_DEPTH) {
                notes.add(h.kind().text + " at " + where + ": nested deeper than " + Archives.Budget.MAX_DEPTH + "; not opened");
                continue;
            }
            List<Archives.Entry> entries = h.kind() == Signatures.Kind.ZIP
                    ? Archives.zip(blob, h.offset(), budget, notes) : Archives.sevenZip(blob, h.offset(), budget, notes);
            zipOpened |= h.kind() == Signatures.Kind.ZIP;
            for (Archives.Entry e : entries) {
                consider(where + "!" + e.name(), e.data(), depth + 1);
            }
        }
    }

    private Candidate add(String origin, byte[] image, FirmwareFiles.Form form) {
        return addReport(origin, image, form, ImageIdentifier.identify(image, CheckPurpose.EXTRACTION));
    }

    private Candidate addReport(String origin, byte[] image, FirmwareFiles.Form form, ImageReport report) {
        String sha = report.sha256().isEmpty() ? Sha256.hex(image) : report.sha256();
        Candidate c = Candidate.of(origin, image, form, report);
        Candidate old = bySha.get(sha);
        if (old != null && c.score() <= old.score()) {
            return old;
        }
        held += image.length - (old == null ? 0 : old.image().length);
        bySha.put(sha, c);
        while (bySha.size() > MAX_CANDIDATES || held > MAX_CANDIDATE_BYTES) {
            dropLowest();
        }
        return c;
    }

    /** Drops the lowest-scored candidate (on a tie the one found last), saying so once. */
    private void dropLowest() {
        Map.Entry<String, Candidate> lowest = null;
        for (Map.Entry<String, Candidate> e : bySha.entrySet()) {
            if (lowest == null || e.getValue().score() <= lowest.getValue().score()) {
                lowest = e;
            }
        }
        bySha.remove(lowest.getKey());
        held -= lowest.getValue().image().length;
        String note = String.format("more candidates than odflash keeps (%d, %d MiB in all): the lowest-scored were dropped",
                MAX_CANDIDATES, MAX_CANDIDATE_BYTES >> 20);
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }
}
