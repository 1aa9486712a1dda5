package dev.odflash.emulator.gadget;

import dev.odflash.chip.ChipTable;
import dev.odflash.emulator.EmulatedDrives;
import dev.odflash.transport.Device;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A command the emulated drive does not answer, as the Bulk-Only loop hands it to `emu attach` (issue 16 §2): no
 * CSW at all, and an {@link UnansweredCommand} that tells a stall (timeout@cmd:N: the drive stays on the bus, the next
 * CBW is served) from a drive without power (powerloss@cmd:N: it answers nothing more, the gadget is to leave the
 * bus). The host side is {@link BulkOnlyServerTest.Host}; its CBWs are encoded here from the BOT 1.0 layout (§5.1).
 */
class BulkOnlyUnansweredTest {
    private static final String TEST_UNIT_READY = "000000000000";
    /** A TSST download block (FF 00 01, state 00: the first block), 0xF800 bytes out: the MT1939's block size. */
    private static final String FIRST_BLOCK = "ff0001000000000000000000";
    private static final int BLOCK = 0xF800;

    /** The tag of the one CSW the host read, checking that nothing but a CSW arrived. */
    private static int onlyCswTag(byte[] in) {
        assertThat(in).as("one CSW and nothing else").hasSize(13);
        ByteBuffer b = ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt()).as("dCSWSignature").isEqualTo(0x53425355);
        return b.getInt();
    }

    @Test
    void aStalledCommandGetsNoCswAndTheNextCbwIsServedAfterIt() throws Exception {
        BulkOnlyServerTest.Host host = new BulkOnlyServerTest.Host();
        try (Device d = EmulatedDrives.open("emu:samsung-se506cb?fault=timeout@cmd:2", ChipTable.builtIn())) {
            BulkOnlyServer server = new BulkOnlyServer(d.scsi(), host, Duration.ofSeconds(30));
            host.out.add(BulkOnlyServerTest.cbw(1, 0, false, TEST_UNIT_READY));
            server.serveOne().orElseThrow();
            assertThat(onlyCswTag(host.takeIn())).isEqualTo(1);

            // command 2 stalls: a data-out block, its data stage arriving in two transfers
            host.out.add(BulkOnlyServerTest.cbw(2, BLOCK, false, FIRST_BLOCK));
            host.out.add(new byte[BLOCK / 2]);
            host.out.add(new byte[BLOCK / 2]);
            assertThatThrownBy(server::serveOne).isInstanceOfSatisfying(UnansweredCommand.class, e -> {
                assertThat(e.driveOff()).as("a stall leaves the drive on the bus").isFalse();
                assertThat(e.opcode()).isEqualTo(0xFF);
            });
            assertThat(host.in.size()).as("no CSW for the stalled command: the host times it out").isZero();
            assertThat(host.out).as("its data stage was read whole, so the next CBW starts afresh").isEmpty();

            host.out.add(BulkOnlyServerTest.cbw(3, 0, false, TEST_UNIT_READY)); // after the host's reset: served as usual
            BulkOnlyServer.Served after = server.serveOne().orElseThrow();
            assertThat(onlyCswTag(host.takeIn())).isEqualTo(3);
            assertThat(after.tag()).isEqualTo(3);
        }
    }

    @Test
    void aPowerCutGetsNoCswAndEveryLaterCommandFindsTheDriveOff() throws Exception {
        BulkOnlyServerTest.Host host = new BulkOnlyServerTest.Host();
        try (Device d = EmulatedDrives.open("emu:samsung-se506cb?fault=powerloss@cmd:2", ChipTable.builtIn())) {
            BulkOnlyServer server = new BulkOnlyServer(d.scsi(), host, Duration.ofSeconds(30));
            host.out.add(BulkOnlyServerTest.cbw(1, 0, false, TEST_UNIT_READY));
            server.serveOne().orElseThrow();
            assertThat(onlyCswTag(host.takeIn())).isEqualTo(1);

            host.out.add(BulkOnlyServerTest.cbw(2, BLOCK, false, FIRST_BLOCK));
            host.out.add(new byte[BLOCK]);
            assertThatThrownBy(server::serveOne).isInstanceOfSatisfying(UnansweredCommand.class, e -> {
                assertThat(e.driveOff()).as("a drive without power is to leave the bus").isTrue();
                assertThat(e.drivesReason()).contains("power lost during command 2");
            });
            assertThat(host.in.size()).as("no CSW for the command the power cut interrupted").isZero();

            host.out.add(BulkOnlyServerTest.cbw(3, 0, false, TEST_UNIT_READY));
            assertThatThrownBy(server::serveOne).isInstanceOfSatisfying(UnansweredCommand.class,
                    e -> assertThat(e.driveOff()).as("the drive stays off for the rest of the run").isTrue());
            assertThat(host.in.size()).isZero();
        }
    }
}
