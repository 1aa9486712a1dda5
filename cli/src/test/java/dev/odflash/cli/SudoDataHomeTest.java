package dev.odflash.cli;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * `sudo odflash ...` uses the invoking user's data home, files owned by that user, and a later
 * unprivileged run sees the same backups (README "Linux access"). The run plays root through the
 * effective-uid seam; giving files to another uid is real only when the test process is root.
 */
class SudoDataHomeTest {
    @TempDir
    Path dir;
    private Path aliceHome;
    private Path rootHome;
    private Path passwd;
    private String device;
    private int aliceUid;
    private int aliceGid;

    @BeforeEach
    void accounts() throws IOException {
        aliceHome = Files.createDirectory(dir.resolve("alice"));
        rootHome = Files.createDirectory(dir.resolve("root"));
        int me = (Integer) Files.getAttribute(dir, "unix:uid");
        // a root test process gives files to a made-up user; any other can only give them to itself
        aliceUid = me == 0 ? 4242 : me;
        aliceGid = me == 0 ? 4343 : (Integer) Files.getAttribute(dir, "unix:gid");
        passwd = Files.writeString(dir.resolve("passwd"), "root:x:0:0:root:" + rootHome + ":/bin/sh\n"
                + "alice:x:" + aliceUid + ":" + aliceGid + "::" + aliceHome + ":/bin/sh\n");
        Path flash = write(dir, "flash.bin", image("1.10"));
        device = "emu:asus-crw-5224a?image=" + flash;
    }

    private record Run(int exitCode, String out, String err) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(out);
        }
    }

    private Run run(int euid, Map<String, String> env, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), false);
        int code = ScopedValue.where(DataHomes.EUID, euid).where(DataHomes.PASSWD, passwd)
                .call(() -> Cli.run(args, t, env));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Map<String, String> sudoEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", rootHome.toString()); // sudo may leave HOME as root's: the passwd entry decides
        env.put("SUDO_USER", "alice");
        env.put("SUDO_UID", String.valueOf(aliceUid));
        env.put("SUDO_GID", String.valueOf(aliceGid));
        return env;
    }

    private static int owner(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void aSudoBackupIsTheUsersAndALaterUnprivilegedStatusSeesIt() throws Exception {
        Run backup = run(0, sudoEnv(), "backup", "--device", device, "--json");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        Path file = Path.of(backup.json().path("file").asText());
        Path odflashHome = aliceHome.resolve(".local/share/odflash");
        assertThat(file.startsWith(odflashHome.resolve("backups"))).as(file.toString()).isTrue();
        try (Stream<Path> all = Files.walk(aliceHome.resolve(".local"))) {
            for (Path p : all.toList()) {
                assertThat(owner(p)).as(p + " belongs to the invoking user").isEqualTo(aliceUid);
                assertThat((Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS)).as(p.toString()).isEqualTo(aliceGid);
            }
        }
        assertThat(Files.exists(rootHome.resolve(".local"))).as("nothing in root's home").isFalse();

        Run again = run(0, sudoEnv(), "backup", "--device", device);
        assertThat(again.out()).contains("already in the library: " + file);
        assertThat(owner(Path.of(file + ".json"))).as("the replaced sidecar stays the user's").isEqualTo(aliceUid);

        Run status = run(aliceUid, Map.of("HOME", aliceHome.toString()), "status", "--device", device, "--json");
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains(file.getFileName().toString());
    }

    @Test
    void aLinkPlantedInTheUsersTreeIsNeverFollowedByRoot() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("etc"));
        Files.createSymbolicLink(aliceHome.resolve(".local"), elsewhere);
        Run backup = run(0, sudoEnv(), "backup", "--device", device);
        assertThat(backup.exitCode()).as(backup.err()).isEqualTo(2);
        assertThat(backup.err()).contains("does not follow links").doesNotContain("Exception");
        try (Stream<Path> s = Files.list(elsewhere)) {
            assertThat(s.count()).as("nothing written behind the link").isZero();
        }
    }

    @Test
    void sudoVariablesInANonRootRunChangeNothing() throws Exception {
        Run backup = run(aliceUid, sudoEnv(), "backup", "--device", device, "--json");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        assertThat(Path.of(backup.json().path("file").asText()).startsWith(rootHome)).isTrue();
        assertThat(Files.exists(aliceHome.resolve(".local"))).isFalse();
    }

    @Test
    void aJournalOwnedBySomeoneElseIsNotTrusted() throws Exception {
        assumeTrue(owner(dir) == 0, "only a root test process can make a file owned by a third user");
        Map<String, String> env = sudoEnv();
        Path target = write(dir, "1.20.bin", image("1.20"));
        Path flash = dir.resolve("flash.bin");
        Run cut = run(0, env, "flash", "--device", device + "&fault=powerloss@erase:5,seed=7", target.toString(), "--yes");
        assertThat(cut.exitCode()).as(cut.err()).isEqualTo(3);
        Path journals = aliceHome.resolve(".local/share/odflash/journals");
        Path journal;
        try (Stream<Path> s = Files.list(journals)) {
            journal = s.filter(p -> p.getFileName().toString().endsWith(".json")).findFirst().orElseThrow();
        }
        assertThat(owner(journal)).isEqualTo(aliceUid);
        Files.setAttribute(journal, "unix:uid", 5555, LinkOption.NOFOLLOW_LINKS); // planted by a third user
        byte[] before = Files.readAllBytes(flash);
        Run resume = run(0, env, "flash", "--device", device, target.toString(), "--yes");
        assertThat(resume.exitCode()).as(resume.err()).isEqualTo(2);
        assertThat(resume.err()).contains("not trusted as a journal");
        assertThat(Files.readAllBytes(flash)).isEqualTo(before);
        Run list = run(0, env, "journal", "list");
        assertThat(list.out()).contains("not trusted as a journal");
    }

    @Test
    void aSudoFlashHistoryIsTheUsersAndOneOwnedBySomeoneElseIsNotTrusted() throws Exception {
        Map<String, String> env = sudoEnv();
        Run flashed = run(0, env, "flash", "--device", device, write(dir, "1.20.bin", image("1.20")).toString(), "--yes");
        assertThat(flashed.exitCode()).as(flashed.err()).isZero();
        Path histories = aliceHome.resolve(".local/share/odflash/history");
        Path history;
        try (Stream<Path> s = Files.list(histories)) {
            history = s.filter(p -> p.getFileName().toString().endsWith(".json")).findFirst().orElseThrow();
        }
        assertThat(owner(histories)).as("the history directory is the invoking user's").isEqualTo(aliceUid);
        assertThat(owner(history)).as("the history file is the invoking user's").isEqualTo(aliceUid);
        Run trusted = run(0, env, "status", "--device", device, "--json");
        assertThat(trusted.json().path("flashHistory").path("problem").isMissingNode()
                || trusted.json().path("flashHistory").path("problem").isNull()).as(trusted.out()).isTrue();

        assumeTrue(owner(dir) == 0, "only a root test process can make a file owned by a third user");
        Files.setAttribute(history, "unix:uid", 5555, LinkOption.NOFOLLOW_LINKS); // planted by a third user
        Run status = run(0, env, "status", "--device", device, "--json");
        assertThat(status.json().path("flashHistory").path("problem").asText()).as(status.out())
                .contains("not trusted as a flash history");
        Run again = run(0, env, "flash", "--device", device, write(dir, "1.35.bin", image("1.35")).toString(), "--yes");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).contains("could not be recorded").contains("not trusted as a flash history");
        assertThat(owner(history)).as("root did not take over or rewrite the planted file").isEqualTo(5555);
    }
}
