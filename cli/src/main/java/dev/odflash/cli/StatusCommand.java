package dev.odflash.cli;

import static dev.odflash.cli.TerminalText.visible;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.Capabilities;
import dev.odflash.ops.status.BankState;
import dev.odflash.ops.status.FlashHistory;
import dev.odflash.ops.status.IdentityStatus;
import dev.odflash.ops.status.IdentityStatusOperation;
import dev.odflash.ops.status.LibraryEntry;
import dev.odflash.ops.status.LibraryIssue;
import dev.odflash.ops.status.StatusOperation;
import dev.odflash.ops.status.StatusReport;
import dev.odflash.ops.flash.JournalStore;
import dev.odflash.transport.Device;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", header = "Is my firmware intact? Compare the drive with backups, known images and a pending flash.", mixinStandardHelpOptions = true,
        description = {"Is my firmware intact? Reads the drive (two agreeing passes) and compares it with the backup",
            "library, known images and any pending (interrupted) flash: which backup it matches, bank by bank which",
            "banks hold the old image, the new one or neither, whether the boot region is intact and the drive would",
            "boot. Every library image is hashed again: a missing, short or changed one, a damaged sidecar, a",
            "sidecar without its image (an unfinished backup) or an image without a sidecar is listed, never a match.",
            "Exit 0 when the drive holds a known image intact, 5 when it matches nothing or a flash is pending:",
            "this drive's, or a journal of the same model kept under another key (this unit on another path, or",
            "another unit), which `flash` also refuses by; status names `journal adopt` and `journal discard` for it.",
            "A drive whose flash odflash cannot read (btc, tsst; an 8051-era drive without its vendor mode) is",
            "judged by identity: \"running X (identity only; the contents cannot be read)\", exit 0 only when X is",
            "a version of the known images, 5 otherwise (this version keeps no flash history, so a version odflash",
            "flashed but no known image holds is 5 too; the history arrives with a later issue); JSON says",
            "\"basis\": \"identity\" (\"contents\" when the flash was read)."})
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
                IdentityStatus id = new IdentityStatusOperation(ctx.library(), FlashHistory.NONE)
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
        o.put("wouldBoot", r.wouldBoot());
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
        if (id.inHistory()) {
            sb.append("Version on record: this drive was flashed with it\n");
        }
        if (id.knownImage().isEmpty() && !id.inHistory()) {
            sb.append("The version is in no known image (this version of odflash keeps no flash history).\n");
        }
        id.journal().ifPresent(j -> sb.append(String.format("PENDING: a flash %s -> %s (%s) started %s did not"
                + " finish.%n", visible(j.fromVersion()), visible(j.toVersion()), visible(j.targetFile()), j.startedAt())));
        sameModelText(sb, id.sameModelJournals(), info);
        sb.append(id.knownVersion() ? "Verdict: runs a known version (by identity; the contents were not checked)\n"
                : "Verdict: NOT a known version\n");
        return sb.toString();
    }

    private static String text(DriveInfo info, StatusReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Drive:   %s%n", visible(info.inquiry().identity())));
        sb.append(String.format("Flash:   sha256 %s%s%n", r.sha256(),
                r.revisionInImage().isEmpty() ? "" : ", image says revision " + visible(r.revisionInImage())));
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
        if (r.matches().isEmpty() && r.matchesKnownImage().isEmpty()) {
            sb.append("Matches no backup in the library and no known image.\n");
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
            sb.append(String.format("  To finish: %s%n", visible(SuggestedCommand.of("flash")
                    .option("--device", info.spec()).carrying().arg(j.targetFile()).toString())));
        });
        sameModelText(sb, r.sameModelJournals(), info);
        sb.append("Boot region: ").append(r.bootIntact().map(b -> b ? "intact" : "DAMAGED").orElse("no reference to compare"))
                .append('\n');
        sb.append("Would boot: ").append(r.wouldBoot() ? "yes" : "no (" + (r.structureValid()
                ? "boot region damaged" : "the image fails its structure checks: boot mode at best") + ")").append('\n');
        sb.append(r.intact() ? "Verdict: intact\n" : "Verdict: NOT a known intact image\n");
        return sb.toString();
    }
}
