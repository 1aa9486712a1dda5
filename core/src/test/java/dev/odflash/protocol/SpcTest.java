package dev.odflash.protocol;

import dev.odflash.transport.DataDirection;
import dev.odflash.transport.DeviceClock;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.ScsiTransport;
import dev.odflash.transport.SenseData;
import dev.odflash.transport.TransportException;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The CDBs Spc sends, checked byte for byte against SPC-4 (INQUIRY 12h: byte 1 EVPD, 2 page code, 3..4
 * allocation length, 5 control; TEST UNIT READY 00h: six bytes, all zero; REQUEST SENSE 03h: byte 4
 * allocation length) and MMC-6 (GET CONFIGURATION 46h: byte 1 RT, 2..3 starting feature, 7..8
 * allocation length, 9 control), and what it makes of canned replies.
 */
class SpcTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    /** One canned answer: data the "drive" returns, and the status, sense and residual it reports. */
    private record Answer(byte[] data, ScsiResult result) {
        static Answer good(byte[] data, long residual) {
            return new Answer(data, ScsiResult.good(residual, Duration.ofMillis(1)));
        }

        static Answer check(SenseData sense) {
            return new Answer(new byte[0], ScsiResult.checkCondition(sense, Duration.ofMillis(1)));
        }
    }

    /** What the host sent. */
    private record Sent(String cdb, DataDirection direction, long length, long address, Duration timeout) {
    }

    /** A transport that records each request and serves answers in order. */
    private static final class FakeTransport implements ScsiTransport {
        final List<Sent> sent = new ArrayList<>();
        final Deque<Answer> answers = new ArrayDeque<>();

        FakeTransport answer(Answer a) {
            answers.add(a);
            return this;
        }

        @Override
        public ScsiResult execute(ScsiRequest request) throws TransportException {
            MemorySegment data = request.data();
            sent.add(new Sent(HEX.formatHex(request.cdb()), request.direction(), request.length(), data.address(),
                    request.timeout()));
            Answer a = answers.poll();
            if (a == null) {
                throw new TransportException(TransportException.Kind.NO_ANSWER, "no canned answer left");
            }
            if (request.direction() == DataDirection.IN && a.data().length > 0) {
                long n = Math.min(a.data().length, data.byteSize());
                MemorySegment.copy(MemorySegment.ofArray(a.data()), 0, data, 0, n);
            }
            return a.result();
        }

        @Override
        public long maxTransferLength() {
            return 65536;
        }

        @Override
        public int alignmentMask() {
            return 0x1FF;
        }

        @Override
        public DeviceClock clock() {
            return DeviceClock.wall();
        }

        @Override
        public void close() {
        }
    }

    private static byte[] inquiryReply(int length) {
        byte[] b = new byte[length];
        b[0] = 0x05;
        b[1] = (byte) 0x80;
        b[3] = 0x32;
        b[4] = (byte) (length - 5);
        Arrays.fill(b, 8, Math.min(length, 56), (byte) ' ');
        byte[] id = "ASUS    CRW-5224A       1.10".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(id, 0, b, 8, id.length);
        if (length >= 56) {
            byte[] date = "2002/05/14".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(date, 0, b, 36, date.length);
        }
        return b;
    }

    @Test
    void inquiry36SendsTheStandardCdb() throws Exception {
        FakeTransport t = new FakeTransport().answer(Answer.good(inquiryReply(36), 0));
        InquiryData q = new Spc(t).inquiry(36);
        assertThat(t.sent).singleElement().satisfies(s -> {
            assertThat(s.cdb()).isEqualTo("12 00 00 00 24 00");
            assertThat(s.direction()).isEqualTo(DataDirection.IN);
            assertThat(s.length()).isEqualTo(36);
            assertThat(s.timeout()).isPositive();
        });
        assertThat(q.identity()).isEqualTo("ASUS CRW-5224A 1.10");
        assertThat(q.vendorSpecific()).isEmpty();
    }

    @Test
    void inquiry96AsksForTheVendorArea() throws Exception {
        FakeTransport t = new FakeTransport().answer(Answer.good(inquiryReply(96), 0));
        InquiryData q = new Spc(t).inquiry(96);
        assertThat(t.sent.getFirst().cdb()).isEqualTo("12 00 00 00 60 00");
        assertThat(t.sent.getFirst().length()).isEqualTo(96);
        assertThat(q.vendorSpecific()).isEqualTo("2002/05/14");
        assertThat(q.raw()).hasSize(96);
    }

    @Test
    void inquiryBufferHonoursTheTransportsAlignment() throws Exception {
        FakeTransport t = new FakeTransport().answer(Answer.good(inquiryReply(36), 0));
        new Spc(t).inquiry(36);
        assertThat(t.sent.getFirst().address() & t.alignmentMask()).isZero();
    }

    @Test
    void residualShortensTheData() throws Exception {
        // the drive was asked for 96 and sent 36 (residual 60)
        FakeTransport t = new FakeTransport().answer(Answer.good(inquiryReply(36), 60));
        InquiryData q = new Spc(t).inquiry(96);
        assertThat(q.raw()).hasSize(36);
        assertThat(q.vendorSpecific()).isEmpty();
        assertThat(q.product()).isEqualTo("CRW-5224A");
    }

    @Test
    void dataInReturnsOnlyTheTransferredBytes() throws Exception {
        byte[] canned = {1, 2, 3, 4, 5, 6, 7, 8};
        FakeTransport t = new FakeTransport()
                .answer(Answer.good(canned, 3))
                .answer(Answer.good(canned, 100)); // a residual beyond the request gives nothing, not an error
        Spc spc = new Spc(t);
        byte[] cdb = {0x3C, 0x02, 0, 0, 0, 0, 0, 0, 8, 0};
        assertThat(spc.dataIn("READ BUFFER", cdb, 8)).containsExactly(1, 2, 3, 4, 5);
        assertThat(spc.dataIn("READ BUFFER", cdb, 8)).isEmpty();
        assertThat(t.sent.getFirst().cdb()).isEqualTo("3c 02 00 00 00 00 00 00 08 00");
    }

    @Test
    void checkConditionBecomesAScsiCommandExceptionCarryingTheSense() {
        SenseData invalidOpcode = SenseData.fixed(SenseData.ILLEGAL_REQUEST, 0x20, 0x00);
        FakeTransport t = new FakeTransport().answer(Answer.check(invalidOpcode));
        assertThatThrownBy(() -> new Spc(t).inquiry(36))
                .isInstanceOfSatisfying(ScsiCommandException.class, e -> {
                    assertThat(e.command()).isEqualTo("INQUIRY");
                    assertThat(e.result().orElseThrow().status()).isEqualTo(ScsiResult.CHECK_CONDITION);
                    assertThat(e.result().orElseThrow().sense()).hasValueSatisfying(s -> assertThat(s.is(5, 0x20, 0)).isTrue());
                    assertThat(e.getMessage())
                            .isEqualTo("INQUIRY failed: 5/20/00 ILLEGAL REQUEST: invalid command operation code");
                });
    }

    @Test
    void busyWithoutSenseIsAlsoAFailure() {
        FakeTransport t = new FakeTransport()
                .answer(new Answer(new byte[0], new ScsiResult(ScsiResult.BUSY, Optional.empty(), 0, Duration.ZERO)));
        assertThatThrownBy(() -> new Spc(t).requestSense())
                .isInstanceOf(ScsiCommandException.class)
                .hasMessage("REQUEST SENSE failed: status 0x08 without sense data");
    }

    @Test
    void testUnitReadySendsSixZeroBytesWithoutData() throws Exception {
        FakeTransport t = new FakeTransport().answer(Answer.good(new byte[0], 0));
        assertThat(new Spc(t).testUnitReady()).isEmpty();
        assertThat(t.sent).singleElement().satisfies(s -> {
            assertThat(s.cdb()).isEqualTo("00 00 00 00 00 00");
            assertThat(s.direction()).isEqualTo(DataDirection.NONE);
            assertThat(s.length()).isZero();
        });
    }

    @Test
    void testUnitReadyReturnsTheSenseOfANotReadyDrive() throws Exception {
        // 02/3A/02: no disc, tray open; the normal answer while flashing (docs/protocols.md §2.1 step 3)
        FakeTransport t = new FakeTransport().answer(Answer.check(SenseData.fixed(2, 0x3A, 0x02)));
        assertThat(new Spc(t).testUnitReady()).hasValueSatisfying(s -> assertThat(s.is(2, 0x3A, 0x02)).isTrue());
    }

    @Test
    void testUnitReadyWithoutSenseStillReportsNotReady() throws Exception {
        FakeTransport t = new FakeTransport()
                .answer(new Answer(new byte[0], new ScsiResult(ScsiResult.CHECK_CONDITION, Optional.empty(), 0,
                        Duration.ZERO)));
        assertThat(new Spc(t).testUnitReady()).hasValueSatisfying(s -> assertThat(s.key()).isEqualTo(2));
    }

    @Test
    void requestSenseSendsEighteenBytesAndDecodesTheReply() throws Exception {
        byte[] reply = SenseData.fixed(SenseData.NOT_READY, 0x04, 0x08).raw();
        FakeTransport t = new FakeTransport().answer(Answer.good(reply, 0));
        SenseData s = new Spc(t).requestSense();
        assertThat(t.sent.getFirst().cdb()).isEqualTo("03 00 00 00 12 00");
        assertThat(t.sent.getFirst().length()).isEqualTo(18);
        assertThat(s.describe()).isEqualTo("2/04/08 NOT READY: logical unit not ready, long write in progress");
    }

    @Test
    void getConfigurationSendsTheMmcCdbAndDecodesTheReply() throws Exception {
        byte[] reply = {
            0, 0, 0, 20, 0, 0, 0x00, 0x40,                 // header: 20 bytes follow, current profile BD-ROM
            0x01, 0x04, 0x04 | 0x01, 4, 0, 0, 0, 0,        // Microcode Upgrade, version 1, current
            0x01, 0x0C, 0x01, 4, '2', '0', '1', '4'          // Firmware Information, truncated for the test
        };
        FakeTransport t = new FakeTransport().answer(Answer.good(reply, 1024 - reply.length));
        Configuration c = new Spc(t).getConfiguration();
        assertThat(t.sent.getFirst().cdb()).isEqualTo("46 00 00 00 00 00 00 04 00 00");
        assertThat(t.sent.getFirst().length()).isEqualTo(1024);
        assertThat(c.currentProfile()).isEqualTo(0x0040);
        assertThat(c.features()).extracting(Feature::code).containsExactly(0x0104, 0x010C);
        assertThat(c.features().getFirst().version()).isEqualTo(1);
    }

    @Test
    void getConfigurationFailureNamesTheCommand() {
        FakeTransport t = new FakeTransport().answer(Answer.check(SenseData.fixed(5, 0x24, 0)));
        assertThatThrownBy(() -> new Spc(t).getConfiguration())
                .isInstanceOf(ScsiCommandException.class)
                .hasMessageStartingWith("GET CONFIGURATION failed: 5/24/00");
    }

    @Test
    void transportFailuresPassThrough() {
        FakeTransport t = new FakeTransport(); // no answers: the fake reports no answer
        assertThatThrownBy(() -> new Spc(t).testUnitReady())
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.NO_ANSWER));
    }

    @Test
    void theFakesBuffersComeFromAnArena() {
        FakeTransport t = new FakeTransport();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = t.allocate(arena, 36);
            assertThat(s.byteSize()).isEqualTo(36);
            assertThat(s.address() % 4096).isZero();
            assertThat(s.toArray(ValueLayout.JAVA_BYTE)).containsOnly(0);
        }
    }
}
