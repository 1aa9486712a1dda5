package dev.odflash.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The data home under sudo is the invoking user's; journals are trusted by owner (docs/architecture.md "Contracts"). */
class DataHomeTest {
    private static final List<String> PASSWD = List.of(
            "root:x:0:0:root:/root:/bin/bash",
            "alice:x:1000:1001:Alice:/home/alice:/bin/bash",
            "mallory:x:1002:1002::/home/mallory:/bin/sh");
    private static final OwnedTree NO_TREE = new OwnedTree() {
        @Override
        public void makeDirectories(Path anchor, Path dir, int uid, int gid) {
            throw new AssertionError("not used");
        }

        @Override
        public void claim(Path anchor, Path file, int uid, int gid) {
            throw new AssertionError("not used");
        }
    };
    @TempDir
    Path dir;

    private static DataHome resolve(Map<String, String> env, int euid) {
        return DataHome.resolve(env, OptionalInt.of(euid), (user, uid) -> DataHome.Account.find(PASSWD, user, uid), NO_TREE);
    }

    @Test
    void underSudoTheDataHomeIsTheInvokingUsersFromThePasswordDatabase() {
        DataHome h = resolve(Map.of("HOME", "/root", "SUDO_USER", "alice", "SUDO_UID", "1000", "SUDO_GID", "1000"), 0);
        assertThat(h.home()).isEqualTo(Path.of("/home/alice/.local/share/odflash"));
        assertThat(h.ownerUid()).hasValue(1000);
        assertThat(h.handover()).isPresent();
        assertThat(h.handover().get().anchor()).isEqualTo(Path.of("/home/alice"));
        assertThat(h.handover().get().uid()).isEqualTo(1000);
        assertThat(h.handover().get().gid()).isEqualTo(1000); // SUDO_GID, not the passwd group
        assertThat(resolve(Map.of("SUDO_USER", "alice", "SUDO_UID", "1000"), 0).handover().get().gid()).isEqualTo(1001);
    }

    @Test
    void onlyARootProcessWithSudoVariablesNamingAnotherUserIsASudoRun() {
        Map<String, String> sudo = Map.of("HOME", "/home/alice", "SUDO_USER", "alice", "SUDO_UID", "1000");
        DataHome notRoot = resolve(sudo, 1000);
        assertThat(notRoot.handover()).isEmpty();
        assertThat(notRoot.home()).isEqualTo(Path.of("/home/alice/.local/share/odflash"));
        assertThat(resolve(Map.of("HOME", "/root"), 0).home()).isEqualTo(Path.of("/root/.local/share/odflash"));
        assertThat(resolve(Map.of("HOME", "/root", "SUDO_USER", "root", "SUDO_UID", "0"), 0).handover()).isEmpty();
        assertThat(resolve(Map.of("HOME", "/root", "SUDO_USER", "alice", "SUDO_UID", "10x0"), 0).handover()).isEmpty();
        assertThat(DataHome.resolve(sudo, OptionalInt.empty(), (u, i) -> Optional.empty(), NO_TREE).handover()).isEmpty();
    }

    @Test
    void aSudoUserNotInThePasswordDatabaseOrNamedWithAnotherUidIsNotTrusted() {
        DataHome h = resolve(Map.of("HOME", "/root", "SUDO_USER", "alice", "SUDO_UID", "1002"), 0);
        assertThat(h.handover()).isEmpty();
        assertThat(h.home()).isEqualTo(Path.of("/root/.local/share/odflash"));
        assertThat(h.note()).hasValueSatisfying(n -> assertThat(n).contains("alice").contains("1002"));
    }

    @Test
    void aConfiguredHomeIsKeptAndAnchoredAtItsParentWhenOutsideTheUsersHome() {
        DataHome inside = resolve(Map.of("ODFLASH_HOME", "/home/alice/od", "SUDO_USER", "alice", "SUDO_UID", "1000"), 0);
        assertThat(inside.home()).isEqualTo(Path.of("/home/alice/od"));
        assertThat(inside.handover().get().anchor()).isEqualTo(Path.of("/home/alice"));
        DataHome outside = resolve(Map.of("ODFLASH_HOME", "/srv/od/home", "SUDO_USER", "alice", "SUDO_UID", "1000"), 0);
        assertThat(outside.handover().get().anchor()).isEqualTo(Path.of("/srv/od"));
    }

    @Test
    void filesCreatedBelowTheAnchorAreClaimedForTheUserAndNothingElse() throws Exception {
        List<String> claims = new ArrayList<>();
        OwnedTree recording = new OwnedTree() {
            @Override
            public void makeDirectories(Path anchor, Path d, int uid, int gid) throws IOException {
                claims.add("mkdir " + anchor.relativize(d) + " " + uid + ":" + gid);
                Files.createDirectories(d);
            }

            @Override
            public void claim(Path anchor, Path file, int uid, int gid) {
                claims.add("claim " + anchor.relativize(file).getParent() + " " + uid + ":" + gid);
            }
        };
        Path userHome = dir.resolve("alice");
        Files.createDirectories(userHome);
        DataHome h = DataHome.resolve(Map.of("SUDO_USER", "alice", "SUDO_UID", "1000", "SUDO_GID", "1000"), OptionalInt.of(0),
                (u, i) -> Optional.of(new DataHome.Account("alice", 1000, 1000, userHome)), recording);
        Path outside = dir.resolve("elsewhere.bin");
        ScopedValue.where(DataHome.CURRENT, h).call(() -> {
            AtomicFiles.createDirectoriesBelow(h.home(), h.home().resolve("journals"));
            AtomicFiles.publish(h.home().resolve("journals").resolve("k.json"), new byte[]{1});
            AtomicFiles.publish(outside, new byte[]{2});
            return null;
        });
        assertThat(claims).containsExactly("mkdir .local/share/odflash/journals 1000:1000",
                "claim .local/share/odflash/journals 1000:1000");
        assertThat(Files.readAllBytes(outside)).containsExactly(2);
    }

    @Test
    void aJournalIsTrustedOnlyWhenItsOwnerIsTheDataHomesOwnerOrRoot() throws IOException {
        Path journal = Files.writeString(dir.resolve("k.json"), "{}");
        int mine = DataHome.ownerOf(journal).orElseThrow();
        int owner = mine;
        if (mine == 0) {
            Files.setAttribute(journal, "unix:uid", 4242, LinkOption.NOFOLLOW_LINKS); // root can play another user
            owner = 4242;
        }
        DataHome theirs = new DataHome(dir, OptionalInt.of(owner + 1), Optional.empty(), Optional.empty());
        DataHome own = new DataHome(dir, OptionalInt.of(owner), Optional.empty(), Optional.empty());
        assertThat(own.trusts(journal)).isTrue();
        assertThat(theirs.trusts(journal)).isFalse();
        assertThatThrownBy(() -> ScopedValue.where(DataHome.CURRENT, theirs).call(() -> {
            DataHome.checkTrusted(journal, "a journal");
            return null;
        })).isInstanceOf(IOException.class).hasMessageContaining("not trusted as a journal");
    }

    @Test
    void aRootOwnedJournalIsTrusted() throws IOException {
        Path journal = Files.writeString(dir.resolve("k.json"), "{}");
        assumeTrue(DataHome.ownerOf(journal).orElse(-1) == 0, "only a test running as root has root-owned files to check");
        assertThat(new DataHome(dir, OptionalInt.of(1000), Optional.empty(), Optional.empty()).trusts(journal)).isTrue();
    }
}
