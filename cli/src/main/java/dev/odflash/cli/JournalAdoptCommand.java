package dev.odflash.cli;

import static dev.odflash.cli.TerminalText.visible;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.flash.DriveKey;
import dev.odflash.ops.flash.Journal;
import dev.odflash.ops.flash.JournalAdoption;
import dev.odflash.ops.flash.JournalStore;
import dev.odflash.transport.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

@Command(name = "adopt", header = "Give this drive a journal of its model kept under another key, once it is shown to be the same unit.",
        mixinStandardHelpOptions = true,
        description = {"Give the drive a journal of its vendor and product kept under another key (the same unit reached",
            "by another path, or its serial changed), so that `flash` may resume or restore it here. Where the family",
            "has a read path (mtk8051, mt19xx) the drive is read and must match the journal bank by bank as `status`",
            "compares: every bank the flash does not write holds the old image, the others old, new or erased 4 KiB",
            "sectors with at most one cut mid-write. Without a read path (btc, tsst) the",
            "drive must report the journal's old or new revision or BOOT, and you confirm on the terminal that it is",
            "the same unit (no terminal: refused, exit 4). Writes nothing to the drive. Exit 0 adopted, 4 refused."})
final class JournalAdoptCommand extends BaseCommand {
    @Mixin
    DeviceOptions device;

    @Option(names = "--key", paramLabel = "KEY", description = "The journal to adopt when several of this model exist (see `odflash journal list`).")
    String key;

    JournalAdoptCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() throws Exception {
        JournalStore store = new JournalStore(ctx.library().journals());
        try (Device d = ctx.openDevice(device.device)) {
            DriveInfo info = device.probe(ctx).probe(d);
            info.warnings().forEach(ctx.output()::warn);
            DriveKey here = DriveKey.of(info, d);
            if (store.pending(here.id()).isPresent()) {
                throw OdflashException.refused(Gate.ADOPT, "adopt: this drive already has its own journal " + here.id()
                        + "; finish or restore that flash first (`odflash status`, `odflash journal list`)");
            }
            List<JournalStore.Entry> candidates = JournalAdoption.candidates(store, here).stream()
                    .filter(e -> key == null || e.key().equals(key)).toList();
            if (candidates.isEmpty()) {
                throw OdflashException.refused(Gate.ADOPT, "adopt: no journal of " + here.vendor() + " " + here.product()
                        + (key == null ? "" : " with key " + key) + " to adopt (`odflash journal list`)");
            }
            if (candidates.size() > 1) {
                throw OdflashException.refused(Gate.ADOPT, "adopt: " + candidates.size() + " journals of this model ("
                        + candidates.stream().map(JournalStore.Entry::key).collect(Collectors.joining(", "))
                        + "); name one with --key");
            }
            JournalStore.Entry e = candidates.getFirst();
            Journal j = e.journal().orElseThrow();
            ObjectNode json = Output.object();
            String evidence;
            if (JournalAdoption.hasReadPath(info, d)) {
                JournalAdoption.ContentMatch m = JournalAdoption.compareContents(d, info, j, ctx.progress());
                ArrayNode banks = json.putArray("banks");
                m.banks().forEach(b -> banks.addObject().put("bank", b.bank()).put("match", b.match().word()));
                String bankText = m.banks().stream().map(b -> b.bank() + ":" + b.match().word())
                        .collect(Collectors.joining(" "));
                if (!m.matches()) {
                    throw OdflashException.refused(Gate.ADOPT, "adopt refused: bank " + m.conflictingBank().get() + " holds what"
                            + " neither the journal's old image, its new one nor an interrupted write of them would leave,"
                            + " so this is not the drive of journal " + e.key() + " (banks " + bankText + "); nothing was"
                            + " changed");
                }
                evidence = "contents match bank by bank (" + bankText + ")";
            } else {
                if (!JournalAdoption.identityFits(info, j)) {
                    throw OdflashException.refused(Gate.ADOPT, "adopt refused: the drive reports revision " + info.inquiry().revision()
                            + ", neither the journal's " + j.fromVersion() + " nor " + j.toVersion() + " nor BOOT");
                }
                if (!new TerminalConfirmation(ctx.terminal(), "Is this the same unit?",
                        "journal adopt: no terminal to confirm on; odflash cannot read this drive, so only you can say it"
                                + " is the same unit").confirm(String.format("%s %s reports %s; journal %s was written on %s"
                                + " (%s -> %s, started %s). odflash cannot read this family's flash.",
                        visible(info.inquiry().vendor()), visible(info.inquiry().product()),
                        visible(info.inquiry().revision()), visible(e.key()), visible(j.device()),
                        visible(j.fromVersion()), visible(j.toVersion()), j.startedAt()))) {
                    throw OdflashException.refused(Gate.ADOPT, "adopt not confirmed: the journal " + e.key() + " is kept as it was");
                }
                evidence = "identity " + info.inquiry().revision() + ", confirmed on the terminal";
            }
            Journal moved = JournalAdoption.adopt(store, e.key(), j, here, d.spec());
            json.put("adopted", e.key()).put("key", moved.deviceKey()).put("evidence", evidence);
            ctx.output().result(json, String.format("Adopted journal %s as %s (%s): %s.%n  Run the flash again to"
                    + " finish it (%s), or restore %s.%n", visible(e.key()), visible(moved.deviceKey()),
                    visible(here.describe()), visible(evidence), visible(j.targetFile()),
                    j.backupFile().isEmpty() ? "-" : visible(j.backupFile())));
            return ExitCode.OK;
        } catch (IOException e) {
            throw OdflashException.usage("journals: " + e.getMessage());
        }
    }
}
