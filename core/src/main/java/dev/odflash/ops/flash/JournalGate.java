package dev.odflash.ops.flash;

import dev.odflash.ops.Choice;
import dev.odflash.ops.Failure;
import dev.odflash.ops.Gate;
import dev.odflash.ops.NextStep;
import dev.odflash.ops.OdflashException;

import java.io.IOException;
import java.util.Optional;

/**
 * The journal rule the flash pipeline applies, for every family, before anything else (safety rule 6, docs/architecture.md "Safety rules").
 * Only the journal of this drive's own key ({@link DriveKey}) authorises a resume or a restore, and
 * then only for its target image or its backup; any other image is refused. A journal of the same
 * vendor and product under another key (another unit of the model, or this unit reached by another
 * path) may be this drive: it refuses every image but its own, says which journal it is and how to
 * adopt or discard it, and never authorises anything (its images get every gate of a fresh flash).
 */
public final class JournalGate {
    private JournalGate() {
    }

    /** The journal that authorises this flash as a resume or restore, if any; refuses (exit 4) what a journal blocks. */
    static Optional<Journal> check(JournalStore store, DriveKey key, String imageSha, String deviceSpec)
            throws OdflashException {
        Optional<Journal> own = read(store, key.id());
        if (own.isPresent()) {
            Journal j = own.get();
            if (j.authorises(imageSha)) {
                Decisions.passed("journal", "this drive's journal " + key.id() + " (a flash to " + j.toVersion()
                        + " started " + j.startedAt() + ") authorises this image: "
                        + (imageSha.equals(j.targetSha256()) ? "a resume" : "a restore of its backup"));
                return own;
            }
            throw OdflashException.refused(Gate.JOURNAL, "a flash to " + j.toVersion() + " (" + j.targetFile()
                    + ") was interrupted on this drive; run it again with that file to finish it"
                    + (j.backupFile().isEmpty() ? "" : ", or restore the backup " + j.backupFile())
                    + ". " + NextStep.STATUS.mention() + " shows what the drive holds; " + NextStep.JOURNAL_LIST.mention()
                    + " lists journals.");
        }
        for (JournalStore.Entry e : sameModelElsewhere(store, key)) {
            if (e.journal().isEmpty()) {
                throw OdflashException.usage("the journal " + e.file() + " of a drive of this model is unreadable: "
                        + e.problem() + "; move it aside only if you know that drive's state (" + NextStep.STATUS.mention() + ")");
            }
            Journal j = e.journal().get();
            if (!j.authorises(imageSha)) {
                throw new OdflashException(new Failure.Refusal(Gate.JOURNAL, "a flash of " + j.vendor() + " " + j.product() + " to "
                        + j.toVersion() + " was interrupted on " + j.device() + " (journal " + e.key() + ", "
                        + j.keyBasis() + " " + j.keyValue() + ", started " + j.startedAt() + "); this drive ("
                        + key.describe() + ") may be that unit under another path, so other images are refused.",
                        Optional.of(Choice.ADOPT_JOURNAL), java.util.List.of(deviceSpec, e.key())));
            }
        }
        Decisions.passed("journal", "no interrupted flash of this drive, key " + key.id());
        return Optional.empty();
    }

    private static Optional<Journal> read(JournalStore store, String key) throws OdflashException {
        try {
            return store.pending(key);
        } catch (IOException | RuntimeException e) {
            throw OdflashException.usage("the journal " + store.fileFor(key) + " is unreadable: " + e.getMessage()
                    + "; move it aside only if you know the drive's state (" + NextStep.STATUS.mention() + ")");
        }
    }

    /**
     * The journals of this drive's vendor and product kept under another key, unreadable ones included
     * (by the model prefix of their key): each blocks every image but its own. `flash` refuses by them
     * and `status` reports them, from this one scan.
     */
    public static java.util.List<JournalStore.Entry> sameModelElsewhere(JournalStore store, DriveKey key)
            throws OdflashException {
        java.util.List<JournalStore.Entry> all;
        try {
            all = store.all();
        } catch (IOException e) {
            throw OdflashException.usage("cannot list the journals in " + store.directory() + ": " + e.getMessage());
        }
        return all.stream().filter(e -> !e.key().equals(key.id()))
                .filter(e -> e.key().startsWith(DriveKey.modelPrefix(key.vendor(), key.product()))
                        || e.journal().map(key::sameModel).orElse(false))
                .toList();
    }

    static void write(JournalStore store, Journal journal, String nothingSent) throws OdflashException {
        try {
            store.write(journal);
            Decisions.JOURNAL.log(System.Logger.Level.INFO, () -> "journal written: " + store.fileFor(journal.deviceKey())
                    + " (" + journal.fromVersion() + " -> " + journal.toVersion() + ", image sha256 "
                    + journal.targetSha256() + ", backup " + (journal.backupFile().isEmpty() ? "none" : journal.backupFile())
                    + ")");
        } catch (IOException e) {
            Decisions.JOURNAL.log(System.Logger.Level.WARNING, "journal not written: " + e.getMessage());
            throw OdflashException.usage("cannot write the journal (" + nothingSent + "): " + e.getMessage());
        }
    }

    static void remove(JournalStore store, String key, String done) throws OdflashException {
        try {
            store.remove(key);
            Decisions.JOURNAL.log(System.Logger.Level.INFO, () -> "journal removed: " + store.fileFor(key) + " (" + done + ")");
        } catch (IOException e) {
            Decisions.JOURNAL.log(System.Logger.Level.WARNING, "journal not removed: " + e.getMessage());
            throw OdflashException.bug(done + ", but its journal could not be"
                    + " removed: " + e.getMessage());
        }
    }
}
