package dev.odflash.cli;

import static dev.odflash.cli.TerminalText.visible;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.ops.flash.Comparison;
import dev.odflash.ops.flash.FlashRecord;
import dev.odflash.ops.flash.Journal;
import dev.odflash.ops.flash.OwnBackups;
import dev.odflash.ops.status.NearestImage;
import dev.odflash.ops.status.Verdict;

import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * `status`'s verdict in words: one line per drive (docs/architecture.md "Contracts", status verdicts), then
 * for a drive that matches nothing the nearest image with its differing ranges and the restore command.
 */
final class VerdictText {
    /** Ranges listed in text; JSON lists them all. */
    private static final int RANGES_SHOWN = 8;

    private VerdictText() {
    }

    static String state(Verdict v) {
        return switch (v) {
            case Verdict.Intact i -> "intact";
            case Verdict.Pending p -> switch (p.holds()) {
                case OLD -> "pending";
                case NEW -> "pending-new";
                case MIXED -> "mixed";
                case UNKNOWN -> "pending-unknown";
            };
            case Verdict.PendingElsewhere p -> "pending-same-model";
            case Verdict.Damaged d -> "damaged";
            case Verdict.Unknown u -> "unknown";
        };
    }

    /** The verdict line (without "Verdict: "). */
    static String line(Verdict v, String spec) {
        return switch (v) {
            case Verdict.Intact i -> "intact: " + holds(i.basis());
            case Verdict.Pending p -> pending(p, spec);
            case Verdict.PendingElsewhere p -> "NOT settled: a flash of this model is pending under another key (journal "
                    + p.journals().stream().map(e -> visible(e.key())).collect(Collectors.joining(", "))
                    + "); adopt or discard it first (below)"
                    + p.contents().map(b -> "; the contents themselves: " + holds(b)).orElse("");
            case Verdict.Damaged d -> "DAMAGED: " + visible(d.failingCheck())
                    + d.holds().map(b -> " (it " + holds(b) + ")").orElse("");
            case Verdict.Unknown u -> "NOT a known intact image: it matches no backup, no known image and no flash"
                    + " of this drive's history";
        };
    }

    /** The lines under the verdict: nearest image, differing ranges, restore command. */
    static String details(Verdict v, String spec) {
        StringBuilder sb = new StringBuilder();
        Optional<NearestImage> nearest = switch (v) {
            case Verdict.Damaged d -> d.nearest();
            case Verdict.Unknown u -> u.nearest();
            default -> Optional.empty();
        };
        Optional<OwnBackups.Candidate> restore = restoreOf(v);
        if (v instanceof Verdict.Damaged || v instanceof Verdict.Unknown) {
            nearest.ifPresentOrElse(n -> {
                sb.append(String.format("  Nearest: %s %s%s: %s%n", n.kind(), visible(n.name()),
                        n.file().map(f -> " (" + visible(f.toString()) + ")").orElse(""), n.comparison().summary()));
                List<Comparison.Range> ranges = n.comparison().ranges();
                ranges.stream().limit(RANGES_SHOWN).forEach(r -> sb.append("    differs at ").append(r).append('\n'));
                if (ranges.size() > RANGES_SHOWN) {
                    sb.append(String.format("    ... and %d more ranges (--json lists them all)%n", ranges.size() - RANGES_SHOWN));
                }
            }, () -> sb.append("  Nearest: no backup, known image or flashed file of this size to compare with\n"));
            sb.append(restore.map(c -> "  To restore this unit's backup (" + visible(c.revision()) + ", taken "
                    + visible(c.createdAt()) + "): " + restoreCommand(spec, c.file()) + "\n")
                    .orElse("  To restore: no complete backup of this unit is in the library; flash a known image"
                            + " with `" + visible(SuggestedCommand.of("flash").option("--device", spec).carrying()
                            .arg("FILE").toString()) + "`\n"));
        }
        return sb.toString();
    }

    static ObjectNode json(Verdict v, String spec) {
        ObjectNode o = Output.object();
        o.put("state", state(v));
        o.put("line", line(v, spec));
        switch (v) {
            case Verdict.Intact i -> basisJson(o.putObject("holds"), i.basis());
            case Verdict.Pending p -> {
                o.put("fromVersion", p.journal().fromVersion()).put("toVersion", p.journal().toVersion());
                ArrayNode neither = o.putArray("banksHoldingNeither");
                p.neitherBanks().forEach(neither::add);
                o.put("finish", finishCommand(spec, p.journal()));
            }
            case Verdict.PendingElsewhere p -> p.contents().ifPresent(b -> basisJson(o.putObject("holds"), b));
            case Verdict.Damaged d -> {
                o.put("failingCheck", d.failingCheck());
                d.holds().ifPresent(b -> basisJson(o.putObject("holds"), b));
                nearestJson(o, d.nearest());
            }
            case Verdict.Unknown u -> nearestJson(o, u.nearest());
        }
        List<dev.odflash.ops.Given> given = v instanceof Verdict.Pending p ? p.journal().given() : List.of();
        restoreOf(v).ifPresentOrElse(c -> o.put("restore", visible(SuggestedCommand.restoring(spec, c.file(), given)
                        .toString()))
                .put("restoreBackup", c.file().toString()), () -> o.putNull("restore"));
        return o;
    }

    private static Optional<OwnBackups.Candidate> restoreOf(Verdict v) {
        return switch (v) {
            case Verdict.Damaged d -> d.restore();
            case Verdict.Unknown u -> u.restore();
            case Verdict.Pending p -> p.restore();
            default -> Optional.empty();
        };
    }

    private static void nearestJson(ObjectNode o, Optional<NearestImage> nearest) {
        if (nearest.isEmpty()) {
            o.putNull("nearest");
            return;
        }
        NearestImage n = nearest.get();
        ObjectNode j = o.putObject("nearest").put("kind", n.kind()).put("name", n.name())
                .put("file", n.file().map(Path::toString).orElse(null))
                .put("firstOffset", n.comparison().identical() ? null : n.comparison().firstDifference())
                .put("count", n.comparison().differingBytes());
        ArrayNode ranges = j.putArray("ranges");
        n.comparison().ranges().forEach(r -> ranges.addObject().put("offset", r.start()).put("length", r.length()));
    }

    private static void basisJson(ObjectNode o, Verdict.Basis b) {
        switch (b) {
            case Verdict.Flashed f -> {
                FlashRecord e = f.entry();
                o.put("kind", "flashed").put("file", e.file()).put("sha256", e.sha256()).put("version", e.version())
                        .put("flashedAt", e.flashedAt().toString()).put("verified", e.verified())
                        .put("verification", e.verification());
            }
            case Verdict.Known k -> o.put("kind", "known image").put("name", k.name());
            case Verdict.Backup bk -> o.put("kind", "backup").put("file", bk.entry().file().toString())
                    .put("revision", bk.entry().revision()).put("createdAt", bk.entry().createdAt());
        }
    }

    static String holds(Verdict.Basis b) {
        return switch (b) {
            case Verdict.Flashed f -> "holds the image flashed on " + when(f.entry()) + " from "
                    + visible(f.entry().file()) + " (sha256 " + f.entry().sha256() + "), verified then";
            case Verdict.Known k -> "holds " + visible(k.name());
            case Verdict.Backup bk -> "holds the backup " + visible(bk.entry().file().toString()) + " ("
                    + visible(bk.entry().revision()) + ", taken " + visible(bk.entry().createdAt()) + ")";
        };
    }

    static String when(FlashRecord e) {
        return e.flashedAt().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String pending(Verdict.Pending p, String spec) {
        Journal j = p.journal();
        String finish = "run `" + finishCommand(spec, j) + "` to finish";
        String back = p.restore().map(c -> ", or `" + visible(SuggestedCommand.restoring(spec, c.file(), j.given())
                .toString()) + "` to go back to "
                + visible(j.fromVersion())).orElse("");
        return switch (p.holds()) {
            case OLD -> "intact (still " + visible(j.fromVersion()) + "); a flash to " + visible(j.toVersion())
                    + " is pending: " + finish;
            case NEW -> "holds the new image (" + visible(j.toVersion()) + ") but its flash is still pending: " + finish
                    + " (it verifies and closes the journal)";
            case MIXED -> "MIXED image, partly written by a pending flash " + visible(j.fromVersion()) + " -> "
                    + visible(j.toVersion()) + " (" + banks(p.neitherBanks()) + " neither image, "
                    + banks(p.newBanks()) + " the new one): " + finish + back;
            case UNKNOWN -> "NOT known: a flash " + visible(j.fromVersion()) + " -> " + visible(j.toVersion())
                    + " is pending and its image files are gone or changed, so the drive cannot be compared with"
                    + " them (possibly mixed): " + finish + back;
        };
    }

    private static String banks(List<Integer> banks) {
        if (banks.isEmpty()) {
            return "no bank holds";
        }
        return (banks.size() == 1 ? "bank " : "banks ") + banks.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + (banks.size() == 1 ? " holds" : " hold");
    }

    /** The command that finishes a pending flash ({@link SuggestedCommand#finishing}), as the terminal shows it. */
    static String finishCommand(String spec, Journal j) {
        return visible(SuggestedCommand.finishing(spec, j).toString());
    }

    static String restoreCommand(String spec, Path backup) {
        return visible(SuggestedCommand.restoring(spec, backup).toString());
    }
}
