package dev.odflash.nativeio.linux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The effective uid read from /proc/self/status, checked against geteuid(2) itself. */
class ProcSelfStatusTest {
    @TempDir
    Path dir;

    @Test
    @EnabledOnOs(OS.LINUX)
    void theRealFileGivesWhatGeteuidGives() {
        assertThat(ProcSelfStatus.effectiveUid()).hasValue(OwnedDirectories.get().effectiveUid());
    }

    @Test
    void theEffectiveUidIsTheSecondNumberOfTheUidLine() {
        // a sudo-like process: real 1000, effective 0 (proc(5) order: real, effective, saved, filesystem)
        String status = "Name:\tjava\nUmask:\t0022\nState:\tR (running)\nTgid:\t42\nPid:\t42\nPPid:\t1\n"
                + "TracerPid:\t0\nUid:\t1000\t0\t0\t0\nGid:\t1000\t1000\t1000\t1000\n";
        assertThat(ProcSelfStatus.parse(status)).hasValue(0);
        assertThat(ProcSelfStatus.parse("Uid:\t0\t4242\t4242\t4242\n")).hasValue(4242);
    }

    @Test
    void aMissingOrStrangeFileSaysNothing() throws IOException {
        assertThat(ProcSelfStatus.effectiveUid(dir.resolve("missing"))).isEmpty();
        assertThat(ProcSelfStatus.parse("Name:\tjava\n")).isEmpty();
        assertThat(ProcSelfStatus.parse("Uid:\t1000\n")).isEmpty();
        assertThat(ProcSelfStatus.parse("Uid:\t1000\t-1\t0\t0\n")).isEmpty();
        assertThat(ProcSelfStatus.parse("Uid:\t1000\t99999999999\t0\t0\n")).isEmpty();
        assertThat(ProcSelfStatus.parse("Uid:\t1000\t4294967295\t0\t0\n")).as("(uid_t)-1 is no uid").isEmpty();
        Path link = Files.createSymbolicLink(dir.resolve("link"), Files.writeString(dir.resolve("s"), "Uid:\t1\t2\t3\t4\n"));
        assertThat(ProcSelfStatus.effectiveUid(dir.resolve("s"))).hasValue(2);
        assertThat(ProcSelfStatus.effectiveUid(link)).as("a link is not followed").isEmpty();
    }
}
