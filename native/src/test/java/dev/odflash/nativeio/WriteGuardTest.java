package dev.odflash.nativeio;

import dev.odflash.nativeio.linux.Errno;
import dev.odflash.nativeio.linux.LinuxIo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The write guard on a fake sysfs, /proc and /run, a fake kernel and a fake systemd-inhibit. */
@EnabledOnOs(OS.LINUX)
class WriteGuardTest {
    @TempDir
    Path root;
    Path sys;
    Path usb;
    Path block;
    WriteGuard.Paths paths;
    FakeIo io = new FakeIo();

    /** Plays open(2) and close(2) for the block node. */
    static final class FakeIo implements LinuxIo {
        int errno;
        final List<String> opened = new ArrayList<>();
        final List<Integer> closed = new ArrayList<>();

        @Override
        public Outcome open(String path, int flags) {
            opened.add(path + ((flags & O_EXCL) != 0 ? " O_EXCL" : ""));
            return errno == 0 ? new Outcome(42, 0) : new Outcome(-1, errno);
        }

        @Override
        public Outcome ioctl(int fd, long request, MemorySegment argument) {
            throw new AssertionError("the guard sends no ioctl");
        }

        @Override
        public Outcome flock(int fd, int operation) {
            throw new AssertionError("the guard takes no flock");
        }

        @Override
        public void close(int fd) {
            closed.add(fd);
        }
    }

    @BeforeEach
    void tree() throws Exception {
        sys = root.resolve("sys");
        FakeSysfs fake = new FakeSysfs(sys);
        fake.usbDevice("pci0000:00/0000:00:14.0/usb2/2-1", "152d", "2339", "JMicron", "USB to ATA/ATAPI Bridge");
        Path dev = fake.device("pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0", "6:0:0:0", 5, "ASUS",
                "BW-16D1HT", "3.10", "sg1", "sr0");
        usb = sys.resolve("devices/pci0000:00/0000:00:14.0/usb2/2-1");
        Files.createDirectories(usb.resolve("power"));
        Files.writeString(usb.resolve("power/control"), "auto\n");
        block = dev.resolve("block/sr0");
        Files.writeString(block.resolve("dev"), "11:0\n");
        Files.writeString(block.resolve("events_poll_msecs"), "2000\n");
        Files.createDirectories(root.resolve("proc/self"));
        Files.writeString(root.resolve("proc/self/mountinfo"),
                "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n");
        paths = WriteGuard.Paths.besides(sys);
    }

    private DiscoveredDrive drive() {
        return OpticalDriveScan.scan(sys).getFirst();
    }

    private static String read(Path f) throws Exception {
        return Files.readString(f).strip();
    }

    @Test
    void holdsTheBridgeAwakeSuspendsPollingOpensTheBlockNodeExclusivelyAndPutsEverythingBack() throws Exception {
        WriteGuard.Held held = WriteGuard.hold("/dev/sg1", Optional.of(drive()), paths, io);
        assertThat(read(usb.resolve("power/control"))).isEqualTo("on");
        assertThat(read(block.resolve("events_poll_msecs"))).isEqualTo("0");
        assertThat(io.opened).containsExactly("/dev/sr0 O_EXCL");
        assertThat(held.lacking()).isEmpty();
        assertThat(held.held()).anyMatch(s -> s.contains("USB runtime power")).anyMatch(s -> s.contains("media polling"))
                .anyMatch(s -> s.contains("no logind"));
        held.close();
        assertThat(read(usb.resolve("power/control"))).isEqualTo("auto");
        assertThat(read(block.resolve("events_poll_msecs"))).isEqualTo("2000");
        assertThat(io.closed).containsExactly(42);
    }

    @Test
    void aMountedDiscIsRefusedAndNothingIsChanged() throws Exception {
        Files.writeString(root.resolve("proc/self/mountinfo"), "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n"
                + "97 22 11:0 / /media/user/My\\040Disc ro,nosuid - iso9660 /dev/sr0 ro\n");
        assertThatThrownBy(() -> WriteGuard.hold("/dev/sg1", Optional.of(drive()), paths, io))
                .isInstanceOf(WriteGuard.Refused.class).hasMessageContaining("/dev/sr0 is mounted at /media/user/My Disc");
        assertThat(read(usb.resolve("power/control"))).isEqualTo("auto");
        assertThat(io.opened).isEmpty();
    }

    @Test
    void anotherExclusiveOpenerIsRefusedAndWhatWasChangedIsPutBack() {
        io.errno = Errno.EBUSY;
        assertThatThrownBy(() -> WriteGuard.hold("/dev/sg1", Optional.of(drive()), paths, io))
                .isInstanceOf(WriteGuard.Refused.class).hasMessageContaining("open exclusively by another program");
    }

    @Test
    void lackingPrivilegeIsNamedAndTheWriteGoesOn() throws Exception {
        io.errno = Errno.EACCES;
        readOnly(usb.resolve("power/control"));
        readOnly(block.resolve("events_poll_msecs"));
        String before = read(usb.resolve("power/control"));
        try (WriteGuard.Held held = WriteGuard.hold("/dev/sg1", Optional.of(drive()), paths, io)) {
            assertThat(held.lacking()).anyMatch(s -> s.startsWith("cannot open /dev/sr0 exclusively (EACCES"))
                    .anyMatch(s -> s.startsWith("cannot keep the USB bridge awake") && s.contains("needs root"))
                    .anyMatch(s -> s.startsWith("cannot suspend the kernel's media polling of /dev/sr0"));
        }
        assertThat(read(usb.resolve("power/control"))).isEqualTo(before);
    }

    /**
     * A file this process cannot write: read-only for a user; for root (which writes any file) a link to a
     * real read-only sysfs attribute, which the kernel refuses to open for writing whoever asks.
     */
    private static void readOnly(Path f) throws Exception {
        if (!System.getProperty("user.name").equals("root")) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--r--r--"));
            return;
        }
        Path attribute = Path.of("/sys/kernel/fscaps");
        assumeThat(Files.isReadable(attribute)).as("a read-only sysfs attribute for root").isTrue();
        Files.delete(f);
        Files.createSymbolicLink(f, attribute);
    }

    private WriteGuard.Paths withInhibit(String script) throws Exception {
        Files.createDirectories(root.resolve("run/systemd/seats"));
        Path fake = root.resolve("systemd-inhibit");
        Files.writeString(fake, "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        return new WriteGuard.Paths(sys, root.resolve("proc"), root.resolve("run"), List.of(fake.toString()));
    }

    @Test
    void aLogindInhibitorIsHeldForTheWriteAndReleasedAfter() throws Exception {
        Path args = root.resolve("args");
        WriteGuard.Paths p = withInhibit("printf '%s\\n' \"$@\" > " + args + "\nexec cat\n");
        WriteGuard.Held held = WriteGuard.hold("/dev/sg1", Optional.of(drive()), p, io);
        String line = held.held().stream().filter(s -> s.startsWith("logind inhibitor")).findFirst().orElseThrow();
        long pid = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        assertThat(Files.readAllLines(args)).contains("--what=sleep:shutdown:idle", "--mode=block", "--who=odflash", "cat");
        ProcessHandle h = ProcessHandle.of(pid).orElseThrow();
        held.close();
        h.onExit().get(5, TimeUnit.SECONDS);
        assertThat(h.isAlive()).isFalse();
    }

    @Test
    void aRefusedInhibitorIsNamedAndTheWriteGoesOn() throws Exception {
        WriteGuard.Paths p = withInhibit("echo 'Failed to inhibit: Access denied' >&2\nexit 1\n");
        try (WriteGuard.Held held = WriteGuard.hold("/dev/sg1", Optional.of(drive()), p, io)) {
            assertThat(held.lacking()).anyMatch(s -> s.contains("systemd-inhibit exited with 1 (Failed to inhibit:"
                    + " Access denied)"));
            assertThat(read(usb.resolve("power/control"))).isEqualTo("on");
        }
    }

    @Test
    void batteryBelowThirtyPercentWithoutMainsIsTooLow() throws Exception {
        Path ps = sys.resolve("class/power_supply");
        Files.createDirectories(ps.resolve("BAT0"));
        Files.createDirectories(ps.resolve("AC"));
        Files.writeString(ps.resolve("BAT0/type"), "Battery\n");
        Files.writeString(ps.resolve("BAT0/capacity"), "20\n");
        Files.writeString(ps.resolve("AC/type"), "Mains\n");
        Files.writeString(ps.resolve("AC/online"), "0\n");
        assertThat(Battery.of(sys).tooLow()).isTrue();
        Files.writeString(ps.resolve("AC/online"), "1\n");
        assertThat(Battery.of(sys).tooLow()).isFalse();
        Files.writeString(ps.resolve("AC/online"), "0\n");
        Files.writeString(ps.resolve("BAT0/capacity"), "30\n");
        assertThat(Battery.of(sys).tooLow()).isFalse();
        assertThat(Battery.of(root.resolve("nothing")).tooLow()).isFalse();
    }
}
