package dev.odflash.emulator.download;

import dev.odflash.bytes.Ascii;
import dev.odflash.emulator.AtapiBus;
import dev.odflash.transport.DataDirection;
import dev.odflash.transport.DeviceClock;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.ScsiTransport;
import dev.odflash.transport.SenseData;
import dev.odflash.transport.TransportException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.Arrays;

/**
 * The download drive's ATAPI side. It decodes raw CDB bytes itself and answers INQUIRY (SPC-4 0x12),
 * TEST UNIT READY (0x00), REQUEST SENSE (0x03) and GET CONFIGURATION (MMC-6 0x46, {@link Features}),
 * then hands everything else to the family's {@link Protocol}; opcodes the firmware does not know get
 * ILLEGAL REQUEST / INVALID COMMAND OPERATION CODE (5/20/00). While a burn runs in the background,
 * everything but INQUIRY and REQUEST SENSE answers NOT READY / LONG WRITE IN PROGRESS (2/04/08, FM).
 * A {@code bridge=drop-vendor} path swallows vendor-specific opcodes (0xC0-0xFF, SPC-4; §1.2: 0xFF is
 * what TSST drives need) before the drive sees them: the host gets no answer within its timeout;
 * WRITE/READ BUFFER pass (§1.2 [I]: "0x3B/0x3C usually survive BOT bridges").
 */
final class DownloadScsi implements ScsiTransport {
    private final DownloadDrive drive;
    private SenseData lastSense = SenseData.fixed(SenseData.NO_SENSE, 0, 0);
    private boolean unitAttention;

    DownloadScsi(DownloadDrive drive) {
        this.drive = drive;
    }

    @Override
    public ScsiResult execute(ScsiRequest request) throws TransportException {
        drive.quirks().checkPath(request);
        long start = drive.virtualClock().nanos();
        String what = String.format("command 0x%02X", request.opcode());
        byte[] cdb = request.cdb();
        if (drive.quirks().bridgeDropsVendor() && request.opcode() >= 0xC0) {
            drive.countDropped();
            drive.virtualClock().advance(request.timeout());
            throw new TransportException(TransportException.Kind.NO_ANSWER, what + " got no answer: the USB bridge"
                    + " between host and drive drops vendor commands (connect the drive to a SATA/IDE port)");
        }
        drive.beginCommand(what, request.timeout());
        if (drive.protocol().writeCommand(cdb)) {
            drive.countWrite();
        }
        if (unitAttention && request.opcode() != 0x12) {
            // SPC-4: INQUIRY leaves it pending; REQUEST SENSE returns it with GOOD; other commands fail with it
            unitAttention = false;
            lastSense = SenseData.fixed(SenseData.UNIT_ATTENTION, 0x29, 0x00);
            if (request.opcode() != 0x03) {
                drive.virtualClock().advance(AtapiBus.commandNanos(0));
                drive.endCommand();
                return ScsiResult.checkCondition(lastSense, took(start));
            }
        }
        byte[] out = new byte[0];
        if (request.direction() == DataDirection.OUT) {
            out = request.data().toArray(ValueLayout.JAVA_BYTE);
            drive.virtualClock().advance(AtapiBus.transferNanos(out.length));
        }
        int inLength = request.direction() == DataDirection.IN ? (int) request.length() : 0;
        Reply reply = answer(cdb, out, inLength);
        long moved = 0;
        if (reply.ok() && request.direction() == DataDirection.IN) {
            moved = Math.min(reply.data().length, request.length());
            MemorySegment.copy(reply.data(), 0, request.data(), ValueLayout.JAVA_BYTE, 0, (int) moved);
        }
        drive.virtualClock().advance(AtapiBus.commandNanos(moved));
        drive.endCommand();
        if (!reply.ok()) {
            lastSense = reply.sense();
            return ScsiResult.checkCondition(reply.sense(), took(start));
        }
        return ScsiResult.good(reply.residual() >= 0 ? reply.residual() : request.length() - moved, took(start));
    }

    private Reply answer(byte[] cdb, byte[] out, int inLength) throws TransportException {
        int opcode = cdb[0] & 0xFF;
        if (opcode == 0x12) {
            return inquiry(cdb);
        }
        if (opcode == 0x03) {
            SenseData sense = drive.burning() ? Reply.longWrite().sense() : lastSense;
            lastSense = SenseData.fixed(SenseData.NO_SENSE, 0, 0);
            return Reply.data(sense.raw()); // any allocation length: FM sends byte 4 = 0x80 for 16 bytes in
        }
        if (drive.burning()) {
            return Reply.longWrite();
        }
        return switch (opcode) {
            case 0x00 -> drive.quirks().mediumPresent() ? Reply.good()
                    : Reply.check(SenseData.NOT_READY, 0x3A, 0x01); // medium not present, tray closed
            case 0x46 -> Features.getConfiguration(drive, cdb);
            default -> {
                Reply r = drive.protocol().handle(cdb, out, inLength);
                yield r == null ? Reply.invalidOpcode() : r;
            }
        };
    }

    /** Standard data from the image's INQUIRY template; boot loader: the profile's strings, revision "BOOT". */
    private Reply inquiry(byte[] cdb) {
        if ((cdb[1] & 0x01) != 0) {
            return vitalProductData(cdb);
        }
        byte[] data = new byte[96];
        data[0] = 0x05;          // peripheral device type 5: CD/DVD (SPC-4, MMC-6)
        data[1] = (byte) 0x80;   // removable
        data[3] = 0x32;
        data[4] = 0x5B;          // additional length: 96-byte data, as the template's (§4.1 OP)
        var id = drive.identity().filter(i -> drive.state() == BootJudge.State.RUNNING);
        Ascii.put(data, 8, 8, id.map(Identity::vendor).orElse(drive.profile().vendor()));
        Ascii.put(data, 16, 16, id.map(Identity::product).orElse(drive.profile().product()));
        Ascii.put(data, 32, 4, id.map(Identity::revision).orElse("BOOT")); // docs/architecture.md "Boot mode"; CM
        id.flatMap(Identity::date).ifPresent(d -> Ascii.put(data, 36, 16, d));
        int alloc = Cdb.be16(cdb, 3);
        return Reply.data(Arrays.copyOf(data, Math.min(alloc, data.length)));
    }

    /**
     * INQUIRY with EVPD = 1 (SPC-4): page 0x00 lists the pages offered, page 0x80 (Unit Serial Number)
     * carries the serial the unit's data in flash holds, the same one GET CONFIGURATION feature 0x0108
     * reports. A unit without a serial offers no VPD page (CHECK CONDITION, invalid field in CDB).
     */
    private Reply vitalProductData(byte[] cdb) {
        var serial = drive.serial();
        int page = Cdb.u8(cdb, 2);
        int alloc = Cdb.be16(cdb, 3);
        if (serial.isEmpty() || (page != 0x00 && page != 0x80)) {
            return Reply.invalidField();
        }
        byte[] data;
        if (page == 0x00) {
            data = new byte[] {0x05, 0x00, 0x00, 0x02, 0x00, (byte) 0x80};
        } else {
            byte[] s = serial.get().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            data = new byte[4 + s.length];
            data[0] = 0x05;
            data[1] = (byte) 0x80;
            data[2] = (byte) (s.length >> 8);
            data[3] = (byte) s.length;
            System.arraycopy(s, 0, data, 4, s.length);
        }
        return Reply.data(Arrays.copyOf(data, Math.min(alloc, data.length)));
    }

    private Duration took(long start) {
        return Duration.ofNanos(drive.virtualClock().nanos() - start);
    }


    /** The drive (re)started: the next command other than INQUIRY reports 6/29/00 (SPC-4 power on / reset). */
    void powerOnReset() {
        unitAttention = true;
    }

    @Override
    public long maxTransferLength() {
        return drive.quirks().maxTransfer();
    }

    @Override
    public int alignmentMask() {
        return drive.quirks().alignmentMask();
    }

    @Override
    public DeviceClock clock() {
        return drive.virtualClock();
    }

    @Override
    public void close() {
        drive.close();
    }
}
