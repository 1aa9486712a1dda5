package dev.odflash.ops.flash;

import dev.odflash.ops.Choice;
import dev.odflash.ops.Failure;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;

import java.io.IOException;
import java.util.Optional;

/**
 * The journal rule both flash pipelines apply before anything else (safety rule 6, issue 10 §4).
 * Only the journal of this drive's own key ({@link DriveKey}) authorises a resume or a restore, and
 * then only for its target image or its backup; any other image is refused. A journal of the same
 * vendor and product under another key (another unit of the model, or this unit reached by another
 * path) may be this drive: it refuses every image but its own, says which journal it is and how to
 * adopt or discard it, and never authorises anything (its images get every gate of a fresh flash).
 */
final class JournalGate {
    private JournalGate() {
    }

    /** The journal that authorises this flash as a resume or restore, if any; refuses (exit 4) what a journal blocks. */
    static Optional<Journal> check(JournalStore store, DriveKey key, String imageSha, String deviceSpec)
            throws OdflashException {
        Optional<Journal> own = read(store, key.id());
        if (own.isPresent()) {
            Journal j = own.get();
            if (j.authorises(imageSha)) {
                return own;
            }
            throw OdflashException.refused(Gate.JOURNAL, "a flash to " + j.toVersion() + " (" + j.targetFile()
                    + ") was interrupted on this drive; run it again with that file to finish it"
                    + (j.backupFile().isEmpty() ? "" : ", or restore the backup " + j.backupFile())
                    + ". `odflash status` shows what the drive holds; `odflash journal list` lists journals.");
        }
        for (JournalStore.Entry e : entries(store)) {
            if (!e.key().startsWith(DriveKey.modelPrefix(key.vendor(), key.product()))
                    && e.journal().map(j -> !key.sameModel(j)).orElse(true)) {
                continue;
            }
            if (e.journal().isEmpty()) {
                throw OdflashException.usage("the journal " + e.file() + " of a drive of this model is unreadable: "
                        + e.problem() + "; move it aside only if you know that drive's state (`odflash status`)");
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
        return Optional.empty();
    }

    private static Optional<Journal> read(JournalStore store, String key) throws OdflashException {
        try {
            return store.pending(key);
        } catch (IOException | RuntimeException e) {
            throw OdflashException.usage("the journal " + store.fileFor(key) + " is unreadable: " + e.getMessage()
                    + "; move it aside only if you know the drive's state (`odflash status`)");
        }
    }

    private static java.util.List<JournalStore.Entry> entries(JournalStore store) throws OdflashException {
        try {
            return store.all();
        } catch (IOException e) {
            throw OdflashException.usage("cannot list the journals in " + store.directory() + ": " + e.getMessage());
        }
    }

    static void write(JournalStore store, Journal journal, String nothingSent) throws OdflashException {
        try {
            store.write(journal);
        } catch (IOException e) {
            throw OdflashException.usage("cannot write the journal (" + nothingSent + "): " + e.getMessage());
        }
    }

    static void remove(JournalStore store, String key, String done) throws OdflashException {
        try {
            store.remove(key);
        } catch (IOException e) {
            throw OdflashException.bug(done + ", but its journal could not be"
                    + " removed: " + e.getMessage());
        }
    }
}
