package dev.odflash.emulator;

import dev.odflash.chip.ChipTable;
import dev.odflash.emulator.chip.FlashChipModel;
import dev.odflash.transport.ChipStatus;
import dev.odflash.transport.TransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code ?image=} file is the chip: every completed erase and program is in it at once (a run
 * killed with SIGKILL, or a drive abandoned without close, leaves exactly those), a run that only reads
 * never touches it, and one process at a time holds it. Both personalities: mtk8051 and download.
 */
class ImageFilePersistenceTest {
    static final int AT = 0x10000;
    static final int SECTOR = 0x1000;

    @TempDir
    Path dir;

    /** Erases one sector at {@link #AT} and programs its first 256 bytes with 0x5A, as a flash would. */
    static void someOperations(FlashChipModel chip) {
        assertThat(chip.erase(AT, SECTOR)).isEqualTo(ChipStatus.READY);
        byte[] data = new byte[256];
        Arrays.fill(data, (byte) 0x5A);
        int step = Math.min(256, chip.spec().maxProgramLength());
        for (int off = 0; off < data.length; off += step) {
            assertThat(chip.program(AT + off, data, off, step)).isEqualTo(ChipStatus.READY);
        }
    }

    static byte[] expected(byte[] before) {
        byte[] e = before.clone();
        Arrays.fill(e, AT, AT + SECTOR, (byte) 0xFF);
        Arrays.fill(e, AT, AT + 256, (byte) 0x5A);
        return e;
    }

    /** The child process: opens the drive, runs the operations, says so, then waits to be killed. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            EmulatedDrive drive = EmulatedDrives.open(args[0], ChipTable.builtIn());
            someOperations(drive.chipModel());
            System.out.println("done");
            System.out.flush();
            System.in.read(); // never closes the drive: the parent kills this process
        }
    }

    private byte[] created(String spec) throws Exception {
        EmulatedDrives.open(spec, ChipTable.builtIn()).close(); // makes the file with the default firmware
        return Files.readAllBytes(Path.of(spec.substring(spec.indexOf("image=") + 6)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"asus-crw-5224a", "btc-drw1008"})
    void aRunKilledWithSigkillLeavesEveryCompletedOperationInTheFile(String profile) throws Exception {
        Path image = dir.resolve(profile + ".bin");
        String spec = "emu:" + profile + "?image=" + image;
        byte[] before = created(spec);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", ChildClassPath.get(), Child.class.getName(), spec)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("done");
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux: no close, no shutdown hook
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readAllBytes(image)).isEqualTo(expected(before));
    }

    @Test
    void aDriveAbandonedWithoutCloseHasItsOperationsInTheFileAlready() throws Exception {
        Path image = dir.resolve("abandoned.bin");
        String spec = "emu:asus-crw-5224a?image=" + image;
        byte[] before = created(spec);
        EmulatedDrive drive = EmulatedDrives.open(spec, ChipTable.builtIn());
        try {
            someOperations(drive.chipModel());
            // read through a second descriptor while the drive is still open: no save has happened
            assertThat(Files.readAllBytes(image)).isEqualTo(expected(before));
        } finally {
            drive.close();
        }
    }

    @Test
    void aRunThatOnlyReadsNeverWritesTheFile() throws Exception {
        Path image = dir.resolve("read.bin");
        String spec = "emu:btc-drw1008?image=" + image;
        byte[] before = created(spec);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(image, old);
        Object inode = Files.readAttributes(image, "unix:ino").get("ino");
        try (EmulatedDrive drive = EmulatedDrives.open(spec, ChipTable.builtIn())) {
            byte[] all = new byte[before.length];
            drive.chipModel().read(0, all, 0, all.length);
            assertThat(all).isEqualTo(before);
        }
        assertThat(Files.getLastModifiedTime(image)).isEqualTo(old);
        assertThat(Files.readAttributes(image, "unix:ino").get("ino")).isEqualTo(inode); // not replaced
        assertThat(Files.readAllBytes(image)).isEqualTo(before);
    }

    @Test
    void aSecondDriveOnTheSameFileInThisProcessIsRefusedAndTheFirstKeepsItsLock() throws Exception {
        Path image = dir.resolve("held.bin");
        created("emu:asus-crw-5224a?image=" + image);
        try (EmulatedDrive first = EmulatedDrives.open("emu:asus-crw-5224a?image=" + image, ChipTable.builtIn())) {
            // another spelling of the same file is the same drive
            String other = "emu:asus-crw-5224a?image=" + dir.resolve(".").resolve("held.bin");
            assertThatThrownBy(() -> EmulatedDrives.open(other, ChipTable.builtIn()))
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("in use by PID " + ProcessHandle.current().pid())
                    .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(TransportException.Kind.BUSY));
            someOperations(first.chipModel()); // still the drive's
        }
        EmulatedDrives.open("emu:asus-crw-5224a?image=" + image, ChipTable.builtIn()).close(); // given back
    }
}
