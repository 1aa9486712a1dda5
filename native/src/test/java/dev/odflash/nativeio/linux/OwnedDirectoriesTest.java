package dev.odflash.nativeio.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * mkdirat/openat/fchown(at) below an anchor, for real: a non-root run gives files to its own uid (which
 * the kernel allows), a root run to another uid; a link anywhere below the anchor is never followed.
 */
class OwnedDirectoriesTest {
    @TempDir
    Path dir;
    private OwnedDirectories owned;
    private int uid;
    private int gid;

    @BeforeEach
    void linux() throws IOException {
        assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "openat/mkdirat/fchownat are Linux calls");
        owned = OwnedDirectories.get();
        boolean root = owned.effectiveUid() == 0;
        uid = root ? 4242 : owned.effectiveUid(); // only root may give a file to someone else
        gid = root ? 4343 : (Integer) Files.getAttribute(dir, "unix:gid");
    }

    private static int owner(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    private static int group(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void makesEachMissingDirectoryAndGivesOnlyTheNewOnesAway() throws IOException {
        Path existing = Files.createDirectory(dir.resolve("home"));
        int before = owner(existing);
        Path target = existing.resolve(".local/share/odflash/backups");
        owned.makeDirectories(dir, target, uid, gid);
        assertThat(Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)).isTrue();
        for (Path p = target; !p.equals(existing); p = p.getParent()) {
            assertThat(owner(p)).as(p.toString()).isEqualTo(uid);
            assertThat(group(p)).as(p.toString()).isEqualTo(gid);
        }
        assertThat(owner(existing)).isEqualTo(before);
        owned.makeDirectories(dir, target, uid, gid); // all there: nothing to do
    }

    @Test
    void aLinkBelowTheAnchorIsNeverFollowed() throws IOException {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path home = Files.createDirectory(dir.resolve("home"));
        Files.createSymbolicLink(home.resolve(".local"), elsewhere);
        assertThatThrownBy(() -> owned.makeDirectories(home, home.resolve(".local/share/odflash"), uid, gid))
                .isInstanceOf(IOException.class).hasMessageContaining("does not follow links");
        try (var s = Files.list(elsewhere)) {
            assertThat(s.count()).as("nothing created behind the link").isZero();
        }
        Path file = Files.writeString(elsewhere.resolve("secret"), "x");
        int before = owner(file);
        assertThatThrownBy(() -> owned.claim(home, home.resolve(".local/secret"), uid, gid)).isInstanceOf(IOException.class);
        assertThat(owner(file)).isEqualTo(before);
    }

    @Test
    void claimGivesAFileAwayAndALinkAtTheNameIsChangedItselfNotItsTarget() throws IOException {
        Path d = Files.createDirectories(dir.resolve("home/journals"));
        Path f = Files.writeString(d.resolve("k.json"), "{}");
        owned.claim(dir, f, uid, gid);
        assertThat(owner(f)).isEqualTo(uid);
        Path target = Files.writeString(dir.resolve("target"), "x");
        int before = owner(target);
        Path link = Files.createSymbolicLink(d.resolve("link.json"), target);
        owned.claim(dir, link, uid, gid);
        assertThat(owner(target)).isEqualTo(before);
    }

    @Test
    void aRootRunGivesFilesToAnotherUser() throws IOException {
        assumeTrue(owned.effectiveUid() == 0, "only root may give a file to another uid; this run is not root");
        Path f = Files.writeString(Files.createDirectories(dir.resolve("a")).resolve("f"), "x");
        owned.claim(dir, f, 4242, 4343);
        assertThat(owner(f)).isEqualTo(4242);
        assertThat(group(f)).isEqualTo(4343);
    }
}
