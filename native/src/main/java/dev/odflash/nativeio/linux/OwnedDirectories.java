package dev.odflash.nativeio.linux;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Creates and chowns below an anchor directory through descriptors only: the anchor is opened
 * (O_DIRECTORY|O_NOFOLLOW), then each component below it with openat(O_NOFOLLOW|O_DIRECTORY) relative
 * to the one before, so a link planted anywhere below the anchor fails the call (ELOOP, ENOTDIR) and is
 * never followed. A missing directory is made with mkdirat and given away with fchown on its own
 * descriptor; a file is given away with fchownat(AT_SYMLINK_NOFOLLOW) in its directory's descriptor.
 * No path is ever resolved from the root again after the anchor.
 */
public final class OwnedDirectories {
    private final DirectoryCalls calls;

    private OwnedDirectories(DirectoryCalls calls) {
        this.calls = calls;
    }

    public static OwnedDirectories get() {
        return new OwnedDirectories(DirectoryCalls.get());
    }

    /** The process's effective uid (geteuid(2)). */
    public int effectiveUid() {
        return calls.geteuid();
    }

    public void makeDirectories(Path anchor, Path dir, int uid, int gid) throws IOException {
        Path rel = relative(anchor, dir);
        int fd = openAnchor(anchor);
        try {
            Path at = anchor;
            for (Path part : rel) {
                String name = part.toString();
                if (name.isEmpty()) {
                    continue;
                }
                at = at.resolve(name);
                LinuxIo.Outcome made = calls.mkdirat(fd, name, 0777); // the umask applies, as for any mkdir
                if (made.failed() && made.errno() != DirectoryCalls.EEXIST) {
                    throw new IOException("cannot create " + at + ": " + Errno.name(made.errno()));
                }
                int next = openBelow(fd, name, at);
                calls.close(fd);
                fd = next;
                if (!made.failed()) {
                    LinuxIo.Outcome own = calls.fchown(fd, uid, gid);
                    if (own.failed()) {
                        throw new IOException("cannot give " + at + " to uid " + uid + ": " + Errno.name(own.errno()));
                    }
                }
            }
        } finally {
            calls.close(fd);
        }
    }

    public void claim(Path anchor, Path file, int uid, int gid) throws IOException {
        Path rel = relative(anchor, file);
        if (rel.getNameCount() == 0 || rel.toString().isEmpty()) {
            throw new IOException(file + " is the anchor itself, not a file below it");
        }
        int fd = openAnchor(anchor);
        try {
            Path at = anchor;
            for (int i = 0; i < rel.getNameCount() - 1; i++) {
                String name = rel.getName(i).toString();
                at = at.resolve(name);
                int next = openBelow(fd, name, at);
                calls.close(fd);
                fd = next;
            }
            LinuxIo.Outcome own = calls.fchownat(fd, rel.getFileName().toString(), uid, gid, DirectoryCalls.AT_SYMLINK_NOFOLLOW);
            if (own.failed()) {
                throw new IOException("cannot give " + file + " to uid " + uid + ": " + Errno.name(own.errno()));
            }
        } finally {
            calls.close(fd);
        }
    }

    private static Path relative(Path anchor, Path target) throws IOException {
        Path a = anchor.toAbsolutePath().normalize();
        Path t = target.toAbsolutePath().normalize();
        if (!t.startsWith(a)) {
            throw new IOException(t + " is not inside " + a);
        }
        return a.relativize(t);
    }

    private int openAnchor(Path anchor) throws IOException {
        LinuxIo.Outcome o = calls.openat(DirectoryCalls.AT_FDCWD, anchor.toAbsolutePath().normalize().toString(),
                DirectoryCalls.O_RDONLY | DirectoryCalls.O_DIRECTORY | DirectoryCalls.O_NOFOLLOW | DirectoryCalls.O_CLOEXEC);
        if (o.failed()) {
            throw new IOException("cannot open " + anchor + ": " + Errno.name(o.errno()));
        }
        return o.rc();
    }

    private int openBelow(int dirfd, String name, Path at) throws IOException {
        LinuxIo.Outcome o = calls.openat(dirfd, name,
                DirectoryCalls.O_RDONLY | DirectoryCalls.O_DIRECTORY | DirectoryCalls.O_NOFOLLOW | DirectoryCalls.O_CLOEXEC);
        if (o.failed()) {
            throw new IOException(at + (o.errno() == DirectoryCalls.ELOOP || o.errno() == DirectoryCalls.ENOTDIR
                    ? " is a symbolic link or not a directory" : ": " + Errno.name(o.errno()))
                    + "; odflash does not follow links in its data home");
        }
        return o.rc();
    }
}
