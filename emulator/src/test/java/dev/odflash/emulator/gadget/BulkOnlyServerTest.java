package dev.odflash.emulator.gadget;

import dev.odflash.chip.ChipTable;
import dev.odflash.emulator.EmulatedDrives;
import dev.odflash.transport.Device;
import dev.odflash.transport.DeviceClock;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.ScsiTransport;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Bulk-Only loop against an emulated drive, with the host's side written here from the BOT 1.0 layout
 * (CBW §5.1, CSW §5.2): CDBs of every length arrive whole, status and residue come back, a CHECK CONDITION
 * keeps its sense for the REQUEST SENSE that follows, a short packet-multiple data-in halts bulk-IN, and a
 * CBW that makes no sense halts it too and runs nothing.
 */
class BulkOnlyServerTest {
    /** A host on the other side of the two bulk endpoints: queued OUT transfers, recorded IN bytes. */
    static final class Host implements BulkEndpoints {
        final Deque<byte[]> out = new ArrayDeque<>();
        final ByteArrayOutputStream in = new ByteArrayOutputStream();
        int halts;

        @Override
        public int readOut(ByteBuffer into) {
            byte[] next = out.poll();
            if (next == null) {
                return -1;
            }
            int n = Math.min(next.length, into.remaining());
            into.put(next, 0, n);
            if (n < next.length) {
                out.push(Arrays.copyOfRange(next, n, next.length));
            }
            return n;
        }

        @Override
        public void writeIn(ByteBuffer from) {
            byte[] b = new byte[from.remaining()];
            from.get(b);
            in.writeBytes(b);
        }

        @Override
        public void haltIn() {
            halts++;
        }

        @Override
        public int maxPacket() {
            return 512;
        }

        byte[] takeIn() {
            byte[] b = in.toByteArray();
            in.reset();
            return b;
        }
    }

    /** A command block wrapper as the host sends it (USB Mass Storage Bulk-Only Transport 1.0 §5.1). */
    static byte[] cbw(int tag, int length, boolean dataIn, String cdbHex) {
        byte[] cdb = HexFormat.of().parseHex(cdbHex);
        ByteBuffer b = ByteBuffer.allocate(31).order(ByteOrder.LITTLE_ENDIAN);
        b.put("USBC".getBytes()).putInt(tag).putInt(length).put((byte) (dataIn ? 0x80 : 0)).put((byte) 0)
                .put((byte) cdb.length).put(cdb);
        return b.array();
    }

    /** The CSW at the end of what the host read: {tag, residue, status}. */
    private static int[] csw(byte[] in) {
        ByteBuffer b = ByteBuffer.wrap(in, in.length - 13, 13).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt()).as("dCSWSignature").isEqualTo(0x53425355);
        return new int[]{b.getInt(), b.getInt(), b.get()};
    }

    @Test
    void aTwelveByteVendorCdbAndInquiryArriveWholeAndAnswer() throws Exception {
        Host host = new Host();
        try (Device d = EmulatedDrives.open("emu:samsung-se506cb", ChipTable.builtIn())) {
            BulkOnlyServer server = new BulkOnlyServer(d.scsi(), host, Duration.ofSeconds(30));
            host.out.add(cbw(7, 36, true, "120000002400"));
            BulkOnlyServer.Served s = server.serveOne().orElseThrow();
            byte[] in = host.takeIn();
            assertThat(in).hasSize(36 + 13);
            assertThat(new String(in, 8, 8)).isEqualTo("TSSTcorp");
            assertThat(csw(in)).containsExactly(7, 0, 0);
            assertThat(s.cdb()).hasSize(6);

            // the MT1939 boot loader's 12-byte version query (docs/protocols.md): all 12 bytes reach the drive
            host.out.add(cbw(8, 8, true, "ff00ff000000000000000000aa".substring(0, 24)));
            BulkOnlyServer.Served vendor = server.serveOne().orElseThrow();
            assertThat(vendor.cdb()).hasSize(12);
            int[] c = csw(host.takeIn());
            assertThat(c[0]).isEqualTo(8);
        }
    }

    @Test
    void aCheckConditionFailsTheCswAndTheSenseWaitsForRequestSense() throws Exception {
        Host host = new Host();
        try (Device d = EmulatedDrives.open("emu:tsst-ts-h353c", ChipTable.builtIn())) {
            BulkOnlyServer server = new BulkOnlyServer(d.scsi(), host, Duration.ofSeconds(30));
            host.out.add(cbw(1, 0, false, "000000000000")); // TEST UNIT READY without a disc: 2/3A/01
            server.serveOne().orElseThrow();
            assertThat(csw(host.takeIn())).containsExactly(1, 0, 1);
            host.out.add(cbw(2, 18, true, "030000001200"));
            server.serveOne().orElseThrow();
            byte[] in = host.takeIn();
            assertThat(csw(in)).containsExactly(2, 0, 0);
            assertThat(in[2] & 0x0F).as("sense key").isEqualTo(2);
            assertThat(in[12] & 0xFF).as("ASC").isEqualTo(0x3A);
        }
    }

    /** A drive that answers every data-in command with {@code answer} bytes of 0x5A. */
    private static ScsiTransport answering(int answer) {
        return new ScsiTransport() {
            @Override
            public ScsiResult execute(ScsiRequest r) {
                long n = Math.min(answer, r.length());
                r.data().asSlice(0, n).fill((byte) 0x5A);
                return ScsiResult.good(r.length() - n, Duration.ZERO);
            }

            @Override
            public long maxTransferLength() {
                return 1 << 20;
            }

            @Override
            public int alignmentMask() {
                return 0;
            }

            @Override
            public DeviceClock clock() {
                return DeviceClock.wall();
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aShortDataInOnAPacketBoundaryHaltsBulkInAndReportsTheResidue() throws Exception {
        Host host = new Host();
        BulkOnlyServer server = new BulkOnlyServer(answering(512), host, Duration.ofSeconds(30));
        host.out.add(cbw(3, 1024, true, "3c020000000000040000"));
        server.serveOne().orElseThrow();
        byte[] in = host.takeIn();
        assertThat(in).hasSize(512 + 13);
        assertThat(csw(in)).containsExactly(3, 512, 0);
        assertThat(host.halts).as("512 of 1024 bytes ends on a packet boundary: bulk-IN halts").isEqualTo(1);

        BulkOnlyServer shortOne = new BulkOnlyServer(answering(100), host, Duration.ofSeconds(30));
        host.out.add(cbw(4, 1024, true, "3c020000000000040000"));
        shortOne.serveOne().orElseThrow();
        assertThat(csw(host.takeIn())).containsExactly(4, 924, 0);
        assertThat(host.halts).as("a short packet ends the transfer by itself").isEqualTo(1);

        host.out.add(cbw(5, 512, true, "3c020000000000020000"));
        server.serveOne().orElseThrow();
        assertThat(csw(host.takeIn())).containsExactly(5, 0, 0);
        assertThat(host.halts).as("a full transfer needs no halt").isEqualTo(1);
    }

    @Test
    void aCbwThatIsNotOneHaltsBulkInAndRunsNothing() throws Exception {
        Host host = new Host();
        try (Device d = EmulatedDrives.open("emu:tsst-ts-h353c", ChipTable.builtIn())) {
            BulkOnlyServer server = new BulkOnlyServer(d.scsi(), host, Duration.ofSeconds(30));
            byte[] bad = cbw(5, 0, false, "000000000000");
            bad[0] = 'X';
            host.out.add(bad);
            assertThat(server.serveOne()).isEmpty();
            host.out.add(Arrays.copyOf(cbw(6, 0, false, "000000000000"), 30)); // 30 bytes: not a CBW
            assertThat(server.serveOne()).isEmpty();
            byte[] zeroLength = cbw(9, 0, false, "00");
            zeroLength[14] = 0; // bCBWCBLength 0
            host.out.add(zeroLength);
            assertThat(server.serveOne()).isEmpty();
            assertThat(host.halts).isEqualTo(3);
            assertThat(host.in.size()).as("no CSW for a CBW that is not one").isZero();
        }
    }

    @Test
    void theDataOutStageIsReadWholeBeforeTheCommandRuns() throws Exception {
        Host host = new Host();
        try (Device d = EmulatedDrives.open("emu:tsst-ts-h353c", ChipTable.builtIn())) {
            BulkOnlyServer server = new BulkOnlyServer(d.scsi(), host, Duration.ofSeconds(30));
            // MODE SELECT(10) with an 8-byte parameter list, delivered in two transfers: the whole list is read
            host.out.add(cbw(10, 8, false, "55100000000000000800"));
            host.out.add(new byte[5]);
            host.out.add(new byte[3]);
            BulkOnlyServer.Served s = server.serveOne().orElseThrow();
            assertThat(host.out).isEmpty();
            int[] c = csw(host.takeIn());
            assertThat(c[0]).isEqualTo(10);
            assertThat(c[2]).isEqualTo(s.status());
        }
    }
}
