package dev.odflash.image.extract;

import dev.odflash.image.FirmwareFiles;
import dev.odflash.image.ImageReport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One possible firmware image found in an updater: where it came from, its bytes, its identify
 * report, and a score with the reasons for it. Scoring follows docs/protocols.md §6 ("candidate scoring",
 * an unnamed public extractor): a valid image of a known family first, then a recognised but damaged
 * one; sizes 32 KiB-16 MiB, raw extensions and MediaTek context strings add; "MZ" and a byte entropy
 * that says compressed/encrypted or blank subtract.
 */
public record Candidate(String origin, byte[] image, FirmwareFiles.Form form, ImageReport report, int score,
                        List<String> reasons) {
    private static final List<String> CONTEXT = List.of("MEDIATEK", "MTKFLASH", "SRVMTK", "MTKDW", "MTEKMT");

    public boolean flashable() {
        return report.flashable();
    }

    static Candidate of(String origin, byte[] image, FirmwareFiles.Form form, ImageReport report) {
        List<String> reasons = new ArrayList<>();
        int score = 0;
        if (report.flashable()) {
            score += 100;
            reasons.add("valid " + report.layout().get().word() + " image");
        } else if (report.layout().isPresent()) {
            score += 40;
            reasons.add("looks like " + report.layout().get().word() + " but fails: "
                    + String.join("; ", report.failures().stream().map(c -> c.name()).toList()));
        } else {
            reasons.add("no known layout");
        }
        if (image.length >= 32 * 1024 && image.length <= 16 << 20) {
            score += 5;
            reasons.add("size " + image.length + " in 32 KiB-16 MiB");
        }
        String lower = origin.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".bin") || lower.endsWith(".hex") || lower.endsWith(".rom") || lower.contains("rcdata")) {
            score += 5;
            reasons.add("raw firmware name or RCDATA resource");
        }
        if (image.length >= 2 && image[0] == 'M' && image[1] == 'Z') {
            score -= 50;
            reasons.add("starts with \"MZ\" (an executable)");
        }
        String text = new String(image, StandardCharsets.ISO_8859_1);
        for (String c : CONTEXT) {
            if (text.contains(c)) {
                score += 3;
                reasons.add("contains " + c);
                break;
            }
        }
        double h = entropy(image);
        if (h > 7.95) {
            score -= 10;
            reasons.add(String.format("entropy %.2f bits/byte: compressed or encrypted", h));
        } else if (h < 0.5) {
            score -= 10;
            reasons.add(String.format("entropy %.2f bits/byte: mostly blank", h));
        }
        return new Candidate(origin, image, form, report, score, reasons);
    }

    static double entropy(byte[] b) {
        if (b.length == 0) {
            return 0;
        }
        long[] counts = new long[256];
        for (byte x : b) {
            counts[x & 0xFF]++;
        }
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = (double) c / b.length;
                h -= p * Math.log(p) / Math.log(2);
            }
        }
        return h;
    }
}
