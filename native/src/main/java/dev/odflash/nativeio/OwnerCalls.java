package dev.odflash.nativeio;

import dev.odflash.nativeio.linux.OwnedDirectories;
import dev.odflash.nativeio.linux.ProcSelfStatus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The facade for the data home under sudo: the process's effective uid, and creating and chowning below
 * an anchor through directory descriptors (Linux only; see {@code linux.OwnedDirectories}).
 */
public final class OwnerCalls {
    private OwnerCalls() {
    }

    /**
     * The effective uid on Linux: from /proc/self/status (no FFM stubs at start-up: issue 18), geteuid(2)
     * when that file says nothing; empty elsewhere (no uids, so no sudo).
     */
    public static OptionalInt effectiveUid() {
        if (Platform.current() != Platform.LINUX) {
            return OptionalInt.empty();
        }
        OptionalInt fromProc = ProcSelfStatus.effectiveUid();
        return fromProc.isPresent() ? fromProc : OptionalInt.of(OwnedDirectories.get().effectiveUid());
    }

    public static void makeDirectories(Path anchor, Path dir, int uid, int gid) throws IOException {
        linuxOnly();
        OwnedDirectories.get().makeDirectories(anchor, dir, uid, gid);
    }

    public static void claim(Path anchor, Path file, int uid, int gid) throws IOException {
        linuxOnly();
        OwnedDirectories.get().claim(anchor, file, uid, gid);
    }

    private static void linuxOnly() throws IOException {
        if (Platform.current() != Platform.LINUX) {
            throw new IOException("giving files to another user is done on Linux only");
        }
    }
}
