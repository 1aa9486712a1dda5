package dev.odflash.cli;

import dev.odflash.nativeio.OwnerCalls;
import dev.odflash.ops.DataHome;
import dev.odflash.ops.OwnedTree;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** Resolves the run's data home (docs/architecture.md "Contracts"): the composition of core's rule with the OS calls. */
final class DataHomes {
    /** Test seam: the effective uid the run believes it has (a test plays root, or another user). */
    static final ScopedValue<Integer> EUID = ScopedValue.newInstance();
    /** Test seam: the password database to look the sudo user up in. */
    static final ScopedValue<Path> PASSWD = ScopedValue.newInstance();
    /** /etc/passwd is a few KiB; a bound keeps a hostile one from filling memory. */
    private static final int MAX_PASSWD = 4 << 20;

    private static final OwnedTree NATIVE = new OwnedTree() {
        @Override
        public void makeDirectories(Path anchor, Path dir, int uid, int gid) throws IOException {
            OwnerCalls.makeDirectories(anchor, dir, uid, gid);
        }

        @Override
        public void claim(Path anchor, Path file, int uid, int gid) throws IOException {
            OwnerCalls.claim(anchor, file, uid, gid);
        }
    };

    private DataHomes() {
    }

    static DataHome resolve(Map<String, String> env) {
        OptionalInt euid = EUID.isBound() ? OptionalInt.of(EUID.get()) : effectiveUid();
        Path passwd = PASSWD.orElse(Path.of("/etc/passwd"));
        return DataHome.resolve(env, euid, (user, uid) -> DataHome.Account.find(lines(passwd), user, uid), NATIVE);
    }

    private static OptionalInt effectiveUid() {
        try {
            return OwnerCalls.effectiveUid();
        } catch (RuntimeException | LinkageError e) {
            return OptionalInt.empty(); // no native access: no uid, so this run is nobody's sudo run
        }
    }

    private static List<String> lines(Path passwd) {
        try (InputStream in = Files.newInputStream(passwd, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return new String(in.readNBytes(MAX_PASSWD), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
