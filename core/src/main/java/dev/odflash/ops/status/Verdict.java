package dev.odflash.ops.status;

import dev.odflash.ops.flash.FlashRecord;
import dev.odflash.ops.flash.Journal;
import dev.odflash.ops.flash.JournalStore;
import dev.odflash.ops.flash.OwnBackups;

import java.util.List;
import java.util.Optional;

/**
 * `status`'s one answer per drive (docs/architecture.md "Contracts", status verdicts), as fwupd gives one
 * state per device: the CLI words it as one line and an exit code (0 only for {@link Intact}).
 */
public sealed interface Verdict {
    /** What vouches for an intact drive. */
    sealed interface Basis {
    }

    /** The drive holds an image its flash history records as flashed to it and verified. */
    record Flashed(FlashRecord entry) implements Basis {
    }

    /** The drive holds an image odflash names by content. */
    record Known(String name) implements Basis {
    }

    /** The drive holds a complete backup of the library. */
    record Backup(LibraryEntry entry) implements Basis {
    }

    record Intact(Basis basis) implements Verdict {
    }

    /** What a drive with a pending flash holds against that flash's old and new image. */
    enum Holds {
        /** the old image: the flash changed nothing (yet) */
        OLD,
        /** the new image: the flash wrote everything, its journal was not closed */
        NEW,
        /** some banks old, some new or neither: partly written */
        MIXED,
        /** the journal's image files are gone or changed: nothing to compare with */
        UNKNOWN
    }

    /**
     * This drive's own flash did not finish.
     *
     * @param neitherBanks the 64 KiB banks holding neither image (MIXED)
     */
    record Pending(Journal journal, Holds holds, List<Integer> neitherBanks, List<Integer> newBanks,
                   Optional<OwnBackups.Candidate> restore) implements Verdict {
        public Pending {
            neitherBanks = List.copyOf(neitherBanks);
            newBanks = List.copyOf(newBanks);
        }
    }

    /** A journal of this model under another key: maybe this unit, so nothing is vouched for until it is settled. */
    record PendingElsewhere(List<JournalStore.Entry> journals, Optional<Basis> contents) implements Verdict {
        public PendingElsewhere {
            journals = List.copyOf(journals);
        }
    }

    /**
     * A check fails: the image's structure, or its boot region against a backup of the model.
     *
     * @param failingCheck the check's name and what it found
     * @param holds        what the drive still matches, if anything (a backup of a damaged drive)
     */
    record Damaged(String failingCheck, Optional<Basis> holds, Optional<NearestImage> nearest,
                   Optional<OwnBackups.Candidate> restore) implements Verdict {
    }

    /** Structurally valid, but no backup, known image or flash history entry holds it. */
    record Unknown(Optional<NearestImage> nearest, Optional<OwnBackups.Candidate> restore) implements Verdict {
    }
}
