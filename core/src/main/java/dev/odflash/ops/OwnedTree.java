package dev.odflash.ops;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Files and directories odflash creates below an anchor directory, given to another user through
 * descriptors: each directory component below the anchor is opened without following a link
 * ({@code openat(O_NOFOLLOW|O_DIRECTORY)}), created there ({@code mkdirat}) and chowned there
 * ({@code fchown}, {@code fchownat(AT_SYMLINK_NOFOLLOW)}), never by path. The native module implements it;
 * the CLI binds it under sudo ({@link DataHome}).
 */
public interface OwnedTree {
    /** Makes {@code dir} and every missing directory between {@code anchor} and it, each new one owned by uid:gid. */
    void makeDirectories(Path anchor, Path dir, int uid, int gid) throws IOException;

    /** Gives {@code file} (below {@code anchor}, not followed if a link) to uid:gid. */
    void claim(Path anchor, Path file, int uid, int gid) throws IOException;
}
