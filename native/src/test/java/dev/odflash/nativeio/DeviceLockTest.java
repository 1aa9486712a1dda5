package dev.odflash.nativeio;

import dev.odflash.transport.TransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceLockTest {
    @TempDir
    Path dir;

    @Test
    void holdsThePidAndRefusesASecondTakerInThisProcess() throws Exception {
        try (DeviceLock lock = DeviceLock.acquire(dir, "0:0:0:0", "/dev/sg0")) {
            assertThat(lock.file().getFileName().toString()).isEqualTo("odflash-0_0_0_0.lock");
            assertThat(Files.readString(lock.file()).strip()).isEqualTo(String.valueOf(ProcessHandle.current().pid()));
            assertThatThrownBy(() -> DeviceLock.acquire(dir, "0:0:0:0", "/dev/sr0"))
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("/dev/sr0 is in use by PID " + ProcessHandle.current().pid())
                    .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(TransportException.Kind.BUSY));
        }
        try (DeviceLock again = DeviceLock.acquire(dir, "0:0:0:0", "/dev/sg0")) {
            assertThat(again.file()).exists();
        }
    }

    @Test
    void anotherProcessHoldingTheLockIsNamedByItsPid() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), dir.toString(), "0:0:0:0").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("held");
            assertThatThrownBy(() -> DeviceLock.acquire(dir, "0:0:0:0", "/dev/sg0"))
                    .hasMessageContaining("/dev/sg0 is in use by PID " + holder.pid());
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
        // the holder is gone: its lock went with it although the file stays
        try (DeviceLock mine = DeviceLock.acquire(dir, "0:0:0:0", "/dev/sg0")) {
            assertThat(Files.readString(mine.file()).strip()).isEqualTo(String.valueOf(ProcessHandle.current().pid()));
        }
    }

    @Test
    void lockDirectoryComesFromTheEnvironment() {
        assertThat(DeviceLock.defaultDirectory(Map.of("ODFLASH_LOCK_DIR", "/x/locks"))).isEqualTo(Path.of("/x/locks"));
        assertThat(DeviceLock.key("\\\\.\\CdRom0")).isEqualTo("__._CdRom0");
    }

    /** Child process: takes the lock, says so, and holds it until killed. */
    public static final class LockHolder {
        public static void main(String[] args) throws Exception {
            try (DeviceLock ignored = DeviceLock.acquire(Path.of(args[0]), args[1], "test")) {
                System.out.println("held");
                System.out.flush();
                Thread.sleep(60_000);
            }
        }
    }
}
