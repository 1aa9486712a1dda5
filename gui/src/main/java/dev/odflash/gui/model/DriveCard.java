package dev.odflash.gui.model;

import dev.odflash.gui.DriveEntry;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.flash.Journal;
import dev.odflash.ops.status.StatusReport;
import dev.odflash.ops.status.Verdict;

import java.util.Optional;

/**
 * One drive's card on the Drives screen: identity, family (or "unknown: read-only"), transport, whether it
 * is busy, how many backups the library holds of it, an intact badge, and a pending journal (the resume
 * banner's reason). {@code problem} says why a drive could not be probed (busy, no access).
 */
public record DriveCard(DriveEntry entry, Optional<DriveInfo> info, Optional<StatusReport> status,
                        Optional<Journal> pending, int backups, Optional<String> problem) {
    public String title() {
        return info.map(i -> Texts.line(i.inquiry().vendor() + " " + i.inquiry().product() + " " + i.inquiry().revision()))
                .orElse(Texts.line(entry.label()));
    }

    public String family() {
        return info.flatMap(DriveInfo::family).map(f -> f.word()).orElse("unknown: read-only");
    }

    public boolean busy() {
        return problem.filter(p -> p.contains("in use")).isPresent();
    }

    /** The badge's word: intact, interrupted flash, damaged, not known, or not checked. */
    public String badge() {
        if (pending.isPresent()) {
            return "interrupted flash";
        }
        return status.map(s -> switch (s.verdict()) {
            case Verdict.Intact i -> "intact";
            case Verdict.Pending p -> "interrupted flash";
            case Verdict.PendingElsewhere p -> "journal of this model";
            case Verdict.Damaged d -> "damaged";
            case Verdict.Unknown u -> "not a known image";
        }).orElse("not checked");
    }
}
