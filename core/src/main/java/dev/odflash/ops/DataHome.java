package dev.odflash.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where this run keeps its data and whose it is (docs/architecture.md "Contracts", data home). Normally
 * {@code $ODFLASH_HOME}, else {@code ~/.local/share/odflash}, owned by whoever runs odflash. Under sudo
 * (effective uid 0 with {@code SUDO_USER} and {@code SUDO_UID} naming another user) it is the invoking
 * user's, and every file and directory odflash creates there is given to that user through descriptors
 * ({@link Handover}), so a later unprivileged run sees the same backups, journals and logs.
 *
 * <p>Root writing into a tree its user controls is an attack surface: the user's home directory (from
 * the password database, not from the environment) is the anchor, and nothing below it is followed if it
 * is a link. A journal is trusted only when its owner is the data home's owner or root ({@link #trusts}).
 *
 * @param ownerUid whose files this data home trusts (besides root); empty when unknown (no check)
 * @param handover under sudo: how created files are given to the invoking user
 * @param note why a sudo run could not use the user's data home, for the CLI to say
 */
public record DataHome(Path home, OptionalInt ownerUid, Optional<Handover> handover, Optional<String> note) {
    /** The data home of this run; unbound in core tests, which then use the environment's. */
    public static final ScopedValue<DataHome> CURRENT = ScopedValue.newInstance();

    /** Files created below {@code anchor} are given to uid:gid through {@code tree}. */
    public record Handover(String user, int uid, int gid, Path anchor, OwnedTree tree) {
    }

    /** One line of the password database: name, uid, primary gid, home directory. */
    public record Account(String name, int uid, int gid, Path home) {
        /** The account named {@code user} with {@code uid} in passwd(5) text, if a line says so. */
        public static Optional<Account> find(List<String> passwdLines, String user, int uid) {
            for (String line : passwdLines) {
                String[] f = line.split(":", -1);
                if (f.length >= 7 && f[0].equals(user) && f[2].equals(String.valueOf(uid)) && f[5].startsWith("/")) {
                    try {
                        return Optional.of(new Account(f[0], uid, Integer.parseInt(f[3]), Path.of(f[5])));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Resolves the data home.
     *
     * @param euid     the process's effective uid, empty where there is none (Windows)
     * @param accounts looks an account up by name and uid (the password database)
     */
    public static DataHome resolve(Map<String, String> env, OptionalInt euid,
                                   java.util.function.BiFunction<String, Integer, Optional<Account>> accounts, OwnedTree tree) {
        Path configured = configured(env);
        Optional<Integer> sudoUid = sudoUid(env, euid);
        if (sudoUid.isEmpty()) {
            return new DataHome(configured, euid, Optional.empty(), Optional.empty());
        }
        String user = env.get("SUDO_USER");
        Optional<Account> account = accounts.apply(user, sudoUid.get());
        if (account.isEmpty()) {
            return new DataHome(configured, euid, Optional.empty(), Optional.of("running under sudo, but the account "
                    + user + " (uid " + sudoUid.get() + ") is not in the password database: using " + configured
                    + ", owned by root"));
        }
        Account a = account.get();
        int gid = parse(env.get("SUDO_GID")).orElse(a.gid());
        Path home = has(env, "ODFLASH_HOME") ? configured : a.home().resolve(".local").resolve("share").resolve("odflash");
        Path anchor = home.startsWith(a.home()) ? a.home() : home.toAbsolutePath().getParent();
        return new DataHome(home, OptionalInt.of(a.uid()),
                Optional.of(new Handover(a.name(), a.uid(), gid, anchor, tree)), Optional.empty());
    }

    /** The data home as the environment alone names it: {@code $ODFLASH_HOME}, else {@code $HOME/.local/share/odflash}. */
    public static Path configured(Map<String, String> env) {
        if (has(env, "ODFLASH_HOME")) {
            return Path.of(env.get("ODFLASH_HOME"));
        }
        String userHome = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(userHome, ".local", "share", "odflash");
    }

    /** The invoking user's uid when this is a sudo run: euid 0 and SUDO_USER/SUDO_UID naming someone else. */
    static Optional<Integer> sudoUid(Map<String, String> env, OptionalInt euid) {
        if (euid.isEmpty() || euid.getAsInt() != 0 || !has(env, "SUDO_USER")) {
            return Optional.empty();
        }
        return parse(env.get("SUDO_UID")).filter(uid -> uid > 0);
    }

    private static boolean has(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }

    private static Optional<Integer> parse(String number) {
        if (number == null || !number.matches("[0-9]{1,9}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(number));
    }

    /** Whether a file odflash reads back (a journal) has an owner it may trust: the data home's owner or root. */
    public boolean trusts(Path file) throws IOException {
        if (ownerUid.isEmpty()) {
            return true;
        }
        Optional<Integer> uid = ownerOf(file);
        return uid.isEmpty() || uid.get() == 0 || uid.get() == ownerUid.getAsInt();
    }

    /** The owner of {@code file} itself (a link is not followed); empty where the OS has no uids. */
    public static Optional<Integer> ownerOf(Path file) throws IOException {
        try {
            return Optional.of((Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The handover of the current run that covers {@code path}, if any. */
    static Optional<Handover> handoverFor(Path path) {
        if (!CURRENT.isBound()) {
            return Optional.empty();
        }
        Path p = path.toAbsolutePath().normalize();
        return CURRENT.get().handover().filter(h -> p.startsWith(h.anchor().toAbsolutePath().normalize()));
    }

    /** Gives a file just created in the data home to the invoking user (under sudo; nothing otherwise). */
    public static void claimCreated(Path file) throws IOException {
        Optional<Handover> h = handoverFor(file);
        if (h.isPresent()) {
            h.get().tree().claim(h.get().anchor(), file, h.get().uid(), h.get().gid());
        }
    }

    /** Refuses a journal (or any record odflash trusts) whose owner is neither the data home's owner nor root. */
    public static void checkTrusted(Path file, String what) throws IOException {
        if (CURRENT.isBound() && !CURRENT.get().trusts(file)) {
            throw new IOException(file + " is owned by uid " + ownerOf(file).orElse(-1) + ", neither "
                    + CURRENT.get().ownerUid().getAsInt() + " (this data home's owner) nor root: not trusted as " + what);
        }
    }
}
