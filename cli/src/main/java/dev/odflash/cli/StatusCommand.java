package dev.odflash.cli;

import static dev.odflash.cli.TerminalText.visible;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.Capabilities;
import dev.odflash.ops.status.BankState;
import dev.odflash.ops.status.IdentityStatus;
import dev.odflash.ops.status.IdentityStatusOperation;
import dev.odflash.ops.status.LibraryEntry;
import dev.odflash.ops.status.LibraryIssue;
import dev.odflash.ops.status.StatusOperation;
import dev.odflash.ops.status.StatusReport;
import dev.odflash.ops.flash.FlashHistoryStore;
import dev.odflash.ops.flash.FlashRecord;
import dev.odflash.ops.flash.JournalStore;
import dev.odflash.transport.Device;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", header = "Is my firmware intact? Compare the drive with backups, known images and a pending flash.", mixinStandardHelpOptions = true,
        description = {"Is my firmware intact? Reads the drive (two agreeing passes) and compares it with the backup",
            "library, known images, this drive's flash history and any pending (interrupted) flash, and ends with one",
            "verdict line: \"intact: holds ...\" (a backup, a known image, or \"the image flashed on DATE from FILE",
            "(sha256 ...), verified then\": every verified flash is recorded in the history; MT19xx drives are",
            "compared outside their unit regions 0x000000-0x00FFFF, 0x1EC000+0x100 and 0x1F0000-0x1FFFFF);",
            "\"intact (still X); a flash to Y is pending: run ... to finish\"; \"MIXED image, partly written\" (then",
            "\"Would boot\" is unknown); \"DAMAGED: <the failing check>\" or \"NOT a known intact image\", each with",
            "the nearest backup or known image, its differing ranges and the `odflash restore` command. Every",
            "library image is hashed again: a missing, short or changed one, a damaged sidecar, a sidecar without",
            "its image or an image without a sidecar is listed, never a match; a damaged flash history is listed",
            "and none of its entries trusted. Exit 0 only for an intact verdict, 5 otherwise, a pending flash",
            "included: this drive's, or a journal of the same model kept under another key (this unit on another",
            "path, or another unit), which `flash` also refuses by; status names `journal adopt` and `journal",
            "discard` for it. A drive whose flash odflash cannot read (btc, tsst; an 8051-era drive without its",
            "vendor mode) is judged by identity: \"running X (identity only; the contents cannot be read)\", exit 0",
            "only when X is a version of the known images or of a verified flash in this drive's history, 5",
            "otherwise; JSON says \"basis\": \"identity\" (\"contents\" when the flash was read) and gives the",
            "verdict as \"verdict\": {\"state\", \"line\", ...}."})
final class StatusCommand extends BaseCommand {
    @Mixin
    DeviceOptions device;

    StatusCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() throws Exception {
        try (Device d = ctx.openDevice(device.device)) {
            DriveInfo info = device.probe(ctx).probe(d);
            info.warnings().forEach(ctx.output()::warn);
            if (!Capabilities.readable(info, d)) {
                IdentityStatus id = new IdentityStatusOperation(ctx.library())
                        .run(d, info, KnownImages.forDrive(device.device, info));
                ctx.output().result(identityJson(info, id, d), identityText(info, id, d));
                return id.knownVersion() ? ExitCode.OK : ExitCode.MISMATCH;
            }
            StatusReport r = new StatusOperation(ctx.library()).run(d, info, KnownImages.forDrive(device.device, info),
                    ctx.progress());
            ctx.output().result(json(info, r), text(info, r));
            return r.intact() ? ExitCode.OK : ExitCode.MISMATCH;
        }
    }

    private static ObjectNode json(DriveInfo info, StatusReport r) {
        ObjectNode o = Output.object();
        o.put("basis", "contents");
        o.put("intact", r.intact());
        o.put("revision", info.inquiry().revision());
        o.put("bootMode", info.bootMode());
        o.put("sha256", r.sha256());
        o.put("revisionInImage", r.revisionInImage());
        ArrayNode matches = o.putArray("matchesBackups");
        r.matches().forEach(m -> matches.addObject().put("file", m.file().toString()).put("revision", m.revision())
                .put("createdAt", m.createdAt()));
        ArrayNode issues = o.putArray("libraryIssues");
        r.libraryIssues().forEach(i -> issues.addObject().put("file", i.file().toString())
                .put("problem", i.problem().word()).put("detail", i.detail()));
        o.put("matchesKnownImage", r.matchesKnownImage().orElse(null));
        o.put("structureValid", r.structureValid());
        if (r.bootIntact().isPresent()) {
            o.put("bootIntact", r.bootIntact().get());
        } else {
            o.putNull("bootIntact");
        }
        if (r.mixed()) {
            o.putNull("wouldBoot"); // a mixed image's structure says nothing about its code
        } else {
            o.put("wouldBoot", r.wouldBoot());
        }
        historyJson(o, r.history(), r.verdict() instanceof dev.odflash.ops.status.Verdict.Intact i
                && i.basis() instanceof dev.odflash.ops.status.Verdict.Flashed f ? java.util.Optional.of(f.entry())
                : java.util.Optional.empty());
        o.set("verdict", VerdictText.json(r.verdict(), info.spec()));
        if (r.journal().isPresent()) {
            var j = r.journal().get();
            ObjectNode p = o.putObject("pendingFlash");
            p.put("fromVersion", j.fromVersion()).put("toVersion", j.toVersion()).put("targetFile", j.targetFile())
                    .put("backupFile", j.backupFile()).put("startedAt", j.startedAt().toString());
            ArrayNode banks = p.putArray("banks");
            r.banks().forEach(b -> banks.addObject().put("bank", b.bank()).put("offset", b.offset()).put("holds", b.match().word()));
        } else {
            o.putNull("pendingFlash");
        }
        sameModelJson(o, r.sameModelJournals(), info);
        return o;
    }

    /** This drive's flash history: where it is, how many entries, the one the drive holds, or why none is trusted. */
    private static void historyJson(ObjectNode o, FlashHistoryStore.History h, java.util.Optional<FlashRecord> holds) {
        ObjectNode j = o.putObject("flashHistory").put("file", h.file().toString()).put("entries", h.entries().size())
                .put("problem", h.problem().orElse(null));
        holds.ifPresentOrElse(e -> j.putObject("holds").put("file", e.file()).put("sha256", e.sha256())
                .put("version", e.version()).put("flashedAt", e.flashedAt().toString()).put("verified", e.verified()),
                () -> j.putNull("holds"));
    }

    private static void historyText(StringBuilder sb, FlashHistoryStore.History h, java.util.Optional<FlashRecord> holds) {
        h.problem().ifPresent(p -> sb.append(String.format("Damaged flash history %s: %s (not trusted: none of its"
                + " entries vouches for the drive)%n", visible(h.file().toString()), visible(p))));
        holds.ifPresent(e -> sb.append(String.format("Flashed %s from %s (%s, sha256 %s, verified by %s)%n",
                VerdictText.when(e), visible(e.file()), visible(e.version()), e.sha256(), visible(e.verification()))));
    }

    /** Journals of this model under another key: a pending flash that may be this unit (what `flash` refuses by). */
    private static void sameModelJson(ObjectNode o, List<JournalStore.Entry> entries, DriveInfo info) {
        ArrayNode list = o.putArray("pendingFlashOfSameModel");
        for (JournalStore.Entry e : entries) {
            ObjectNode p = list.addObject().put("key", e.key()).put("file", e.file().toString())
                    .put("adopt", "odflash journal adopt --device " + info.spec())
                    .put("discard", "odflash journal discard " + e.key());
            e.journal().ifPresentOrElse(j -> p.put("vendor", j.vendor()).put("product", j.product())
                    .put("device", j.device()).put("fromVersion", j.fromVersion()).put("toVersion", j.toVersion())
                    .put("targetFile", j.targetFile()).put("startedAt", j.startedAt().toString()),
                    () -> p.put("problem", e.problem()));
        }
    }

    private static void sameModelText(StringBuilder sb, List<JournalStore.Entry> entries, DriveInfo info) {
        for (JournalStore.Entry e : entries) {
            sb.append(e.journal().map(j -> String.format("PENDING (same model): a flash of %s %s to %s was interrupted"
                            + " on %s (journal %s, started %s); this drive may be that unit under another path, and"
                            + " `flash` refuses every other image until the journal is adopted or discarded.%n",
                    visible(j.vendor()), visible(j.product()), visible(j.toVersion()), visible(j.device()),
                    visible(e.key()), j.startedAt())).orElse(String.format("PENDING (same model): the journal %s of"
                            + " this model is unreadable (%s); `flash` refuses every image until it is discarded.%n",
                    visible(e.key()), visible(e.problem()))));
            sb.append(String.format("  Adopt or discard: the same unit: %s%n"
                    + "                    another unit:  %s%n",
                    visible(SuggestedCommand.of("journal", "adopt").option("--device", info.spec()).option("--key", e.key())
                            .carrying().toString()),
                    visible(SuggestedCommand.of("journal", "discard").arg(e.key()).toString())));
        }
    }

    private static ObjectNode identityJson(DriveInfo info, IdentityStatus id, Device d) {
        ObjectNode o = Output.object();
        o.put("basis", "identity");
        o.put("intact", id.knownVersion());
        o.put("revision", id.revision());
        o.put("bootMode", id.bootMode());
        o.put("unreadableBecause", Capabilities.backupUnavailableReason(info, d));
        o.put("matchesKnownImage", id.knownImage().orElse(null));
        o.put("inFlashHistory", id.inHistory());
        historyJson(o, id.history(), id.flashed());
        o.putObject("verdict").put("state", id.knownVersion() ? "intact" : id.journal().isPresent() ? "pending"
                : !id.sameModelJournals().isEmpty() ? "pending-same-model" : "unknown")
                .put("line", identityVerdict(info, id));
        if (id.journal().isPresent()) {
            var j = id.journal().get();
            o.putObject("pendingFlash").put("fromVersion", j.fromVersion()).put("toVersion", j.toVersion())
                    .put("targetFile", j.targetFile()).put("startedAt", j.startedAt().toString());
        } else {
            o.putNull("pendingFlash");
        }
        sameModelJson(o, id.sameModelJournals(), info);
        return o;
    }

    private static String identityText(DriveInfo info, IdentityStatus id, Device d) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Drive:   %s%n", visible(info.inquiry().identity())));
        sb.append(String.format("Running %s (identity only; the contents cannot be read: %s)%n",
                id.bootMode() ? "its boot loader (BOOT MODE)" : visible(id.revision()),
                visible(Capabilities.backupUnavailableReason(info, d))));
        id.knownImage().ifPresent(k -> sb.append("Version of known image: ").append(visible(k)).append('\n'));
        historyText(sb, id.history(), id.flashed());
        if (id.knownImage().isEmpty() && !id.inHistory()) {
            sb.append("The version is in no known image and in no verified flash of this drive's history.\n");
        }
        id.journal().ifPresent(j -> sb.append(String.format("PENDING: a flash %s -> %s (%s) started %s did not"
                + " finish.%n", visible(j.fromVersion()), visible(j.toVersion()), visible(j.targetFile()), j.startedAt())));
        sameModelText(sb, id.sameModelJournals(), info);
        sb.append("Verdict: ").append(identityVerdict(info, id)).append('\n');
        return sb.toString();
    }

    /** The one verdict line of a drive judged by identity. */
    private static String identityVerdict(DriveInfo info, IdentityStatus id) {
        if (id.journal().isPresent()) {
            var j = id.journal().get();
            String finish = "run `" + VerdictText.finishCommand(info.spec(), j) + "` to finish";
            if (!id.bootMode() && id.revision().equals(j.fromVersion().strip())) {
                return "still " + visible(j.fromVersion()) + " (by identity); a flash to " + visible(j.toVersion())
                        + " is pending: " + finish;
            }
            return "NOT settled: a flash " + visible(j.fromVersion()) + " -> " + visible(j.toVersion()) + " is pending"
                    + " and the drive reports " + (id.bootMode() ? "its boot loader" : visible(id.revision())) + ": " + finish;
        }
        if (!id.sameModelJournals().isEmpty()) {
            return "NOT settled: a flash of this model is pending under another key; adopt or discard it first (above)";
        }
        if (id.flashed().isPresent()) {
            var e = id.flashed().get();
            return "intact by identity: runs " + visible(id.revision()) + ", the image flashed on " + VerdictText.when(e)
                    + " from " + visible(e.file()) + " (sha256 " + e.sha256() + "), verified then (by "
                    + visible(e.verification()) + "; the contents cannot be read)";
        }
        return id.knownVersion() ? "runs a known version (by identity; the contents were not checked)"
                : "NOT a known version";
    }

    private static String text(DriveInfo info, StatusReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Drive:   %s%n", visible(info.inquiry().identity())));
        sb.append(String.format("Flash:   sha256 %s%s%n", r.sha256(),
                r.revisionInImage().isEmpty() ? "" : ", image says revision " + visible(r.revisionInImage())
                        + (r.mixed() ? " (but the image is mixed: a pending flash left it partly written)" : "")));
        for (LibraryEntry m : r.matches()) {
            sb.append(String.format("Matches backup %s (%s)%n", visible(m.file().toString()), visible(m.revision())));
        }
        for (LibraryIssue i : r.libraryIssues()) {
            sb.append(String.format("%s %s: %s%n", switch (i.problem()) {
                case DAMAGED -> "Damaged backup";
                case UNFINISHED_PUBLISH -> "Unfinished backup";
                case NO_SIDECAR -> "Not a backup";
            }, visible(i.file().toString()), visible(i.detail())));
        }
        r.matchesKnownImage().ifPresent(k -> sb.append("Matches ").append(visible(k)).append('\n'));
        java.util.Optional<FlashRecord> flashed = r.verdict() instanceof dev.odflash.ops.status.Verdict.Intact i
                && i.basis() instanceof dev.odflash.ops.status.Verdict.Flashed f ? java.util.Optional.of(f.entry())
                : java.util.Optional.empty();
        historyText(sb, r.history(), flashed);
        if (r.matches().isEmpty() && r.matchesKnownImage().isEmpty() && flashed.isEmpty()) {
            sb.append("Matches no backup in the library, no known image and no flash of this drive's history.\n");
        }
        r.journal().ifPresent(j -> {
            sb.append(String.format("PENDING: a flash %s -> %s (%s) started %s did not finish.%n", visible(j.fromVersion()),
                    visible(j.toVersion()), visible(j.targetFile()), j.startedAt()));
            if (r.banks().isEmpty()) {
                sb.append("  (the journal's image files are gone or changed: no bank-by-bank comparison)\n");
            }
            for (BankState b : r.banks()) {
                sb.append(String.format("  bank %2d at 0x%06X: %s%n", b.bank(), b.offset(), switch (b.match()) {
                    case BOTH -> "same in old and new image, intact";
                    case OLD -> "old image (" + visible(j.fromVersion()) + ")";
                    case NEW -> "new image (" + visible(j.toVersion()) + ")";
                    case NEITHER -> "NEITHER (partly written)";
                }));
            }
            sb.append(String.format("  To finish: %s%n", VerdictText.finishCommand(info.spec(), j)));
        });
        sameModelText(sb, r.sameModelJournals(), info);
        sb.append("Boot region: ").append(r.bootIntact().map(b -> b ? "intact" : "DAMAGED").orElse("no reference to compare"))
                .append('\n');
        sb.append("Would boot: ").append(r.mixed() ? "unknown (the image is mixed, partly written: its structure"
                + " checks say nothing about its code)" : r.wouldBoot() ? "yes" : "no (" + (r.structureValid()
                ? "boot region damaged" : "the image fails its structure checks: boot mode at best") + ")").append('\n');
        sb.append("Verdict: ").append(VerdictText.line(r.verdict(), info.spec())).append('\n');
        sb.append(VerdictText.details(r.verdict(), info.spec()));
        return sb.toString();
    }
}
