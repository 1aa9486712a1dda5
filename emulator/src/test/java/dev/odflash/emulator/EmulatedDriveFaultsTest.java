package dev.odflash.emulator;

import dev.odflash.chip.ChipTable;
import dev.odflash.emulator.mtk8051.Mtk8051Drive;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.ChipStatus;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.SenseData;
import dev.odflash.transport.TransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each fault of the contract against the emulated ASUS CRW-5224A, through its task-file registers (a test host,
 * {@link RegisterChannel}) and its ATAPI side. On this byte-programmed part one chip program is one byte.
 */
class EmulatedDriveFaultsTest {
    private static final int SECTOR = 4096;
    private static final int SIZE = 0x80000; // SST39SF040, the profile's default part

    @TempDir
    Path dir;

    private static Mtk8051Drive open(String spec) throws Exception {
        return (Mtk8051Drive) EmulatedDrives.open(spec, ChipTable.builtIn());
    }

    private static ChipChannel channel(Mtk8051Drive drive) throws TransportException {
        ChipChannel c = RegisterChannel.of(drive); // the register-level drive: its own test host
        c.enter();
        return c;
    }

    private static byte[] readAll(ChipChannel c) throws TransportException {
        byte[] all = new byte[SIZE];
        for (int at = 0; at < SIZE; at += 0x10000) {
            c.read(at, all, at, 0x10000);
        }
        return all;
    }

    private static ScsiResult scsi(Mtk8051Drive drive, int opcode, int length) throws TransportException {
        try (Arena arena = Arena.ofConfined()) {
            byte[] cdb = {(byte) opcode, 0, 0, 0, (byte) length, 0};
            ScsiRequest request = length == 0 ? ScsiRequest.noData(cdb) : ScsiRequest.in(cdb, arena.allocate(length));
            return drive.scsi().execute(request);
        }
    }

    private static String revision(Mtk8051Drive drive) throws TransportException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(96);
            ScsiResult r = drive.scsi().execute(ScsiRequest.in(new byte[]{0x12, 0, 0, 0, 96, 0}, buffer));
            assertThat(r.isGood()).isTrue();
            byte[] data = buffer.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            return new String(data, 32, 4, StandardCharsets.US_ASCII);
        }
    }

    /** Power lost in an erase of {@code address}; returns the image file's bytes afterwards. */
    private byte[] powerLossInErase(Path image, long address, long seed) throws Exception {
        String spec = "emu:asus-crw-5224a?image=" + image + "&fault=powerloss@erase:2,seed=" + seed;
        try (Mtk8051Drive drive = open(spec)) {
            ChipChannel c = channel(drive);
            assertThat(c.erase(0x70000, SECTOR)).isEqualTo(ChipStatus.READY); // erase 1: completes
            byte[] before = drive.chipModel().contents();
            long clock = drive.clock().nanos();
            assertThatThrownBy(() -> c.erase(address, SECTOR)).isInstanceOf(TransportException.class)
                    .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(TransportException.Kind.NO_ANSWER))
                    .hasMessageContaining("power lost during erase 2");
            assertThat(drive.chipModel().partialErases()).isEqualTo(1);
            assertThat(drive.clock().nanos() - clock).as("part of 18 ms erase, then the host's 10 s timeout")
                    .isGreaterThan(10_000_000_000L).isLessThan(10_018_000_000L + 1_000_000L);
            byte[] after = drive.chipModel().contents();
            byte[] block = Arrays.copyOfRange(after, (int) address, (int) address + SECTOR);
            assertThat(block).as("mixed: some 0xFF, some old").contains((byte) 0xFF)
                    .isNotEqualTo(Arrays.copyOfRange(before, (int) address, (int) address + SECTOR));
            int old = 0;
            for (int i = 0; i < SECTOR; i++) {
                old += after[(int) address + i] == before[(int) address + i] && before[(int) address + i] != (byte) 0xFF ? 1 : 0;
            }
            assertThat(old).isPositive();
            assertThat(Files.readAllBytes(image)).as("persisted at power loss").isEqualTo(after);
            assertThatThrownBy(c::status).isInstanceOf(TransportException.class)
                    .hasMessageContaining("lost power");
        }
        return Files.readAllBytes(image);
    }

    @Test
    void powerLossInAMainSectorRestartsInBootMode() throws Exception {
        Path image = dir.resolve("main.bin");
        byte[] first = powerLossInErase(image, 0x4000, 3); // holds the INQUIRY template at 0x4100
        try (Mtk8051Drive again = open("emu:asus-crw-5224a?image=" + image)) {
            assertThat(revision(again)).isEqualTo("BOOT");
            assertThat(again.chipModel().contents()).isEqualTo(first);
        }
        Path twin = dir.resolve("twin.bin");
        assertThat(powerLossInErase(twin, 0x4000, 3)).as("same seed, same bytes").isEqualTo(first);
    }

    @Test
    void powerLossInABootSectorLeavesADeadDrive() throws Exception {
        Path image = dir.resolve("boot.bin");
        powerLossInErase(image, 0x1000, 0);
        try (Mtk8051Drive again = open("emu:asus-crw-5224a?image=" + image)) {
            assertThatThrownBy(() -> scsi(again, 0x12, 96)).isInstanceOf(TransportException.class)
                    .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(TransportException.Kind.TIMEOUT));
        }
    }

    @Test
    void powerLossInAProgramLeavesAPartlyProgrammedRange() throws Exception {
        Path image = dir.resolve("program.bin");
        byte[] data = new byte[256];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i & 0x7F);
        }
        byte[] first = null;
        for (int run = 0; run < 2; run++) {
            Files.deleteIfExists(image);
            try (Mtk8051Drive drive = open("emu:asus-crw-5224a?image=" + image + "&fault=seed=11,powerloss@program:1")) {
                ChipChannel c = channel(drive);
                assertThat(c.erase(0x7F000, SECTOR)).isEqualTo(ChipStatus.READY);
                assertThatThrownBy(() -> c.program(0x7F000, data, 0, 256)).isInstanceOf(TransportException.class)
                        .hasMessageContaining("power lost during program 1");
                assertThat(drive.chipModel().partialPrograms()).isEqualTo(1);
            }
            byte[] stored = Files.readAllBytes(image);
            byte[] range = Arrays.copyOfRange(stored, 0x7F000, 0x7F100);
            int cut = 0;
            while (range[cut] == data[cut]) {
                cut++;
            }
            assertThat(cut).isLessThan(256);
            for (int i = cut + 1; i < 256; i++) {
                assertThat(range[i]).isEqualTo((byte) 0xFF);
            }
            if (first == null) {
                first = stored;
            } else {
                assertThat(stored).as("same seed, same bytes").isEqualTo(first);
            }
        }
    }

    @Test
    void lyingProgramLeavesTheChipAsItWasAndTheReadBackShowsIt() throws Exception {
        try (Mtk8051Drive drive = open("emu:asus-crw-5224a?fault=lie@program:1")) {
            ChipChannel c = channel(drive);
            assertThat(c.erase(0x7F000, SECTOR)).isEqualTo(ChipStatus.READY);
            byte[] before = drive.chipModel().contents();
            // the part says it is done, but Data# polling reads the cell: a parallel part cannot hide the lie
            assertThat(c.program(0x7F000, new byte[256], 0, 256).lastOperationFailed()).isTrue();
            assertThat(drive.chipModel().contents()).isEqualTo(before);
            assertThat(drive.chipModel().lies()).isEqualTo(1);
            byte[] back = new byte[256];
            assertThat(c.program(0x7F100, new byte[256], 0, 256)).isEqualTo(ChipStatus.READY); // later ones are honest
            c.read(0x7F100, back, 0, 256);
            assertThat(back).containsOnly((byte) 0);
        }
    }

    @Test
    void flipsAppearInChannelReadsAtTheRate() throws Exception {
        try (Mtk8051Drive drive = open("emu:asus-crw-5224a?fault=flip:2e-4,seed=5");
             Mtk8051Drive twin = open("emu:asus-crw-5224a?fault=flip:2e-4,seed=5")) {
            byte[] truth = drive.chipModel().contents();
            ChipChannel c = channel(drive);
            long differing = 0;
            byte[] firstRead = null;
            for (int round = 0; round < 8; round++) {
                byte[] read = readAll(c);
                firstRead = firstRead == null ? read : firstRead;
                for (int i = 0; i < SIZE; i++) {
                    differing += Integer.bitCount((read[i] ^ truth[i]) & 0xFF);
                }
            }
            double expected = 8.0 * SIZE * 8 * 2e-4; // about 6711, standard deviation about 82
            assertThat((double) differing).isBetween(expected * 0.9, expected * 1.1);
            assertThat(drive.chipModel().bitsFlipped()).isEqualTo(differing);
            assertThat(drive.chipModel().contents()).as("the flash is not changed").isEqualTo(truth);
            assertThat(readAll(channel(twin))).as("same seed, same flips").isEqualTo(firstRead);
        }
    }

    @Test
    void busResetLeavesVendorModeAndReportsUnitAttentionOnce() throws Exception {
        try (Mtk8051Drive drive = open("emu:asus-crw-5224a?fault=reset@cmd:3")) {
            ChipChannel c = channel(drive); // command 1 (the intro)
            c.read(0, new byte[1], 0, 1); // command 2
            assertThatThrownBy(() -> c.read(0, new byte[1], 0, 1)) // command 3: reset just before it
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("left vendor mode");
            assertThat(drive.resets()).isEqualTo(1);
            assertThat(revision(drive)).as("INQUIRY runs and leaves the attention pending").isEqualTo("1.10");
            ScsiResult first = scsi(drive, 0x00, 0);
            assertThat(first.status()).isEqualTo(ScsiResult.CHECK_CONDITION);
            assertThat(first.sense().orElseThrow().is(SenseData.UNIT_ATTENTION, 0x29, 0x00)).isTrue();
            ScsiResult second = scsi(drive, 0x00, 0);
            assertThat(second.sense().orElseThrow().is(SenseData.UNIT_ATTENTION, 0x29, 0x00)).as("once").isFalse();
            c.enter(); // re-entering works: the reset only ended vendor mode
            c.read(0, new byte[16], 0, 16);
        }
    }

    @Test
    void requestSenseCollectsThePendingUnitAttention() throws Exception {
        try (Mtk8051Drive drive = open("emu:asus-crw-5224a?fault=reset@cmd:1")) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment buffer = arena.allocate(18);
                ScsiResult r = drive.scsi().execute(ScsiRequest.in(new byte[]{0x03, 0, 0, 0, 18, 0}, buffer));
                assertThat(r.isGood()).isTrue();
                SenseData sense = SenseData.parse(buffer.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
                assertThat(sense.is(SenseData.UNIT_ATTENTION, 0x29, 0x00)).isTrue();
            }
            assertThat(scsi(drive, 0x00, 0).sense().orElseThrow().key()).isEqualTo(SenseData.NOT_READY);
        }
    }
}
