package dev.odflash.ops.flash;

import dev.odflash.bytes.Sha256;
import dev.odflash.family.Families;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.FlashReadOperation;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.Gate;
import dev.odflash.protocol.Progress;
import dev.odflash.ops.status.BankState;
import dev.odflash.ops.status.StatusOperation;
import dev.odflash.transport.Device;

import dev.odflash.input.BoundedInput;
import dev.odflash.input.InputFileException;
import dev.odflash.ops.InputErrors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * `journal adopt`: gives a journal of this drive's model, kept under another key (this unit reached
 * by another path, or a drive whose serial changed), to this drive, so that its resume or restore is
 * authorised here. Evidence first: where the family has a read path, the drive's contents must match
 * the journal bank by bank as `status` compares them (every bank the flash does not write holds the
 * old image; the banks it writes hold, sector by sector, the old image, the new one or erased sectors,
 * with at most one sector cut mid-write); where there is no read
 * path, the drive's identity must be the journal's old or new revision or BOOT, and the user must
 * confirm it is the same unit. Nothing is written to the drive.
 */
public final class JournalAdoption {
    /** The smallest erase unit of the table's parts: what one interrupted step can leave half-done. */
    private static final int SECTOR = 0x1000;

    private JournalAdoption() {
    }

    /** What the drive's contents say about a journal: the banks, and the first bank that rules it out. */
    public record ContentMatch(List<BankState> banks, Optional<Integer> conflictingBank) {
        public boolean matches() {
            return conflictingBank.isEmpty();
        }
    }

    /** The journals of this drive's model under another key, readable ones only. */
    public static List<JournalStore.Entry> candidates(JournalStore store, DriveKey key) throws IOException {
        return store.all().stream().filter(e -> e.journal().isPresent() && !e.key().equals(key.id())
                && key.sameModel(e.journal().get())).toList();
    }

    /** Whether odflash can read this drive's flash (MT19xx READ BUFFER, or a chip-style vendor channel). */
    public static boolean hasReadPath(DriveInfo info, Device device) {
        return Families.of(info).flatMap(f -> f.reader(info, device)).isPresent();
    }

    /** Reads the drive (two agreeing passes) and compares it with the journal's old and new images. */
    public static ContentMatch compareContents(Device device, DriveInfo info, Journal j, Progress progress)
            throws OdflashException {
        byte[] now = FlashReadOperation.read(device, info, progress).image();
        byte[] old = image(j.backupFile(), j.backupSha256(), "old (the pre-flash backup)", now.length);
        byte[] target = image(j.targetFile(), j.targetSha256(), "new (the flash's target)", now.length);
        if (old.length != now.length || target.length != now.length) {
            throw OdflashException.refused(Gate.ADOPT, "adopt: the drive's flash is " + now.length + " bytes, the journal's images "
                    + old.length + " and " + target.length + " bytes: not this drive's journal");
        }
        List<BankState> banks = StatusOperation.banks(now, old, target);
        Optional<Integer> conflict = banks.stream().filter(b -> !allowed(b, j)).map(BankState::bank).findFirst();
        if (conflict.isEmpty()) {
            conflict = strangeSectors(now, old, target);
        }
        return new ContentMatch(banks, conflict);
    }

    /**
     * Inside the banks being written, a half-written chip holds in each 4 KiB sector the old content,
     * the new one or an erased sector, except the one sector a power loss cut mid-erase or mid-program.
     * A second such sector means another unit's contents: its bank is returned.
     */
    private static Optional<Integer> strangeSectors(byte[] now, byte[] old, byte[] target) {
        int strange = 0;
        for (int off = 0; off < now.length; off += SECTOR) {
            int end = Math.min(now.length, off + SECTOR);
            if (java.util.Arrays.equals(now, off, end, old, off, end) || java.util.Arrays.equals(now, off, end, target, off, end)
                    || erased(now, off, end)) {
                continue;
            }
            if (++strange > 1) {
                return Optional.of(off / Journal.BANK);
            }
        }
        return Optional.empty();
    }

    private static boolean erased(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }

    /** A bank the flash does not write must hold the old image; a bank it writes may hold anything of either. */
    private static boolean allowed(BankState b, Journal j) {
        boolean written = j.banks().isEmpty() || j.banks().contains(b.bank());
        return switch (b.match()) {
            case OLD, BOTH -> true;
            case NEW, NEITHER -> written;
        };
    }

    /** For a family without a read path: the drive runs the journal's old or new revision, or its boot loader. */
    public static boolean identityFits(DriveInfo info, Journal j) {
        String rev = info.inquiry().revision().strip();
        return info.bootMode() || rev.equalsIgnoreCase(j.fromVersion().strip()) || rev.equalsIgnoreCase(j.toVersion().strip());
    }

    /** Moves the journal to this drive's key: written under the new name first, then the old name removed. */
    public static Journal adopt(JournalStore store, String oldKey, Journal j, DriveKey key, String deviceSpec)
            throws OdflashException {
        Journal moved = j.movedTo(key, deviceSpec);
        JournalGate.write(store, moved, "nothing was changed");
        try {
            store.remove(oldKey);
        } catch (IOException e) {
            throw OdflashException.usage("the journal now belongs to this drive (" + store.fileFor(key.id())
                    + "), but the old one " + store.fileFor(oldKey) + " could not be removed: " + e.getMessage());
        }
        return moved;
    }

    /**
     * The journal's image, read as any input file (regular files only, at most the drive's flash size:
     * a FIFO or {@code /dev/zero} at a stored path is refused, never read without end).
     */
    private static byte[] image(String file, String sha, String what, int flashSize) throws OdflashException {
        if (file.isEmpty()) {
            throw OdflashException.refused(Gate.ADOPT, "adopt: the journal names no " + what + " image to compare the drive with");
        }
        try {
            byte[] b = BoundedInput.read(Path.of(file), flashSize, "the journal's " + what + " image");
            if (!Sha256.hex(b).equals(sha)) {
                throw OdflashException.refused(Gate.ADOPT, "adopt: " + file + ", the journal's " + what + " image, changed since the"
                        + " flash (sha256 differs); odflash cannot compare the drive with it");
            }
            return b;
        } catch (InputFileException e) {
            throw InputErrors.of(e);
        } catch (java.nio.file.InvalidPathException e) {
            throw OdflashException.usage("adopt: the journal's " + what + " image path is not a path: " + e.getMessage());
        }
    }
}
