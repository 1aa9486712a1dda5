package dev.odflash.emulator.mtk8051;

import dev.odflash.bytes.Ascii;
import dev.odflash.emulator.AtapiBus;
import dev.odflash.emulator.ConfigurationReply;
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

/**
 * The emulated drive's ATAPI side. It decodes raw CDB bytes itself (it never reuses the host's
 * encoders) and answers the identity commands an 8051-era CD-RW answers: INQUIRY (SPC-4 0x12),
 * TEST UNIT READY (0x00), REQUEST SENSE (0x03), GET CONFIGURATION (MMC-6 0x46); everything else
 * gets ILLEGAL REQUEST / INVALID COMMAND OPERATION CODE (5/20/00) as a real drive gives.
 */
final class Mtk8051Scsi implements ScsiTransport {
    private final Mtk8051Drive drive;
    private SenseData lastSense = SenseData.fixed(SenseData.NO_SENSE, 0, 0);
    private boolean unitAttention;

    Mtk8051Scsi(Mtk8051Drive drive) {
        this.drive = drive;
    }

    @Override
    public ScsiResult execute(ScsiRequest request) throws TransportException {
        drive.quirks().checkPath(request);
        long start = drive.virtualClock().nanos();
        drive.beginCommand(String.format("command 0x%02X", request.opcode()), request.timeout());
        byte[] cdb = request.cdb();
        byte[] reply;
        SenseData failure = null;
        if (unitAttention && request.opcode() != 0x12) {
            // SPC-4 unit attention: INQUIRY runs and leaves it pending; REQUEST SENSE returns it with
            // GOOD status; any other command is not run and ends in CHECK CONDITION. Either clears it.
            unitAttention = false;
            lastSense = SenseData.fixed(SenseData.UNIT_ATTENTION, 0x29, 0x00);
            if (request.opcode() != 0x03) {
                drive.virtualClock().advance(AtapiBus.commandNanos(0));
                return ScsiResult.checkCondition(lastSense, Duration.ofNanos(drive.virtualClock().nanos() - start));
            }
        }
        switch (request.opcode()) {
            case 0x12 -> reply = inquiry(cdb);
            case 0x00 -> {
                reply = new byte[0];
                if (!drive.quirks().mediumPresent()) {
                    failure = SenseData.fixed(SenseData.NOT_READY, 0x3A, 0x01); // medium not present, tray closed
                }
            }
            case 0x03 -> {
                reply = lastSense.raw();
                lastSense = SenseData.fixed(SenseData.NO_SENSE, 0, 0);
            }
            case 0x46 -> reply = getConfiguration(cdb);
            default -> {
                reply = new byte[0];
                failure = SenseData.fixed(SenseData.ILLEGAL_REQUEST, 0x20, 0x00);
            }
        }
        if (reply == null) {
            reply = new byte[0];
            failure = SenseData.fixed(SenseData.ILLEGAL_REQUEST, 0x24, 0x00); // invalid field in CDB
        }
        long moved = 0;
        if (failure == null && request.direction() == DataDirection.IN) {
            moved = Math.min(reply.length, request.length());
            MemorySegment.copy(reply, 0, request.data(), ValueLayout.JAVA_BYTE, 0, (int) moved);
        }
        drive.virtualClock().advance(AtapiBus.commandNanos(moved));
        Duration took = Duration.ofNanos(drive.virtualClock().nanos() - start);
        if (failure != null) {
            lastSense = failure;
            return ScsiResult.checkCondition(failure, took);
        }
        return ScsiResult.good(request.length() - moved, took);
    }


    private byte[] inquiry(byte[] cdb) {
        if ((cdb[1] & 0x01) != 0) {
            return null; // EVPD pages are not offered by this drive
        }
        byte[] data = new byte[96];
        var firmware = drive.firmware();
        if (drive.state() == PowerState.RUNNING && firmware.inquiryTemplate().isPresent()) {
            byte[] t = firmware.inquiryTemplate().get();
            System.arraycopy(t, 0, data, 0, t.length);
        } else { // boot loader: the same vendor/product, revision "BOOT" (docs/architecture.md "Boot mode")
            data[0] = 0x05;
            data[1] = (byte) 0x80;
            data[3] = 0x32;
            data[4] = 0x5B;
            Ascii.put(data, 8, 8, drive.profile().vendor());
            Ascii.put(data, 16, 16, drive.profile().product());
            Ascii.put(data, 32, 4, "BOOT");
        }
        int alloc = (cdb[3] & 0xFF) << 8 | cdb[4] & 0xFF;
        return java.util.Arrays.copyOf(data, Math.min(alloc, data.length));
    }

    /** Profile list (CD-RW, CD-R, CD-ROM), Core (ATAPI), Removable Medium; MMC-6 §5.3. */
    private byte[] getConfiguration(byte[] cdb) {
        if (cdb.length < 10) {
            return null;
        }
        int rt = cdb[1] & 0x03;
        int start = (cdb[2] & 0xFF) << 8 | cdb[3] & 0xFF;
        int alloc = (cdb[7] & 0xFF) << 8 | cdb[8] & 0xFF;
        boolean medium = drive.quirks().mediumPresent();
        int current = medium ? 0x0009 : 0x0000;
        byte[][] features = {
            {0x00, 0x00, 0x03, 12, 0x00, 0x0A, (byte) (current == 0x0A ? 1 : 0), 0,
                0x00, 0x09, (byte) (current == 0x09 ? 1 : 0), 0, 0x00, 0x08, 0, 0},
            {0x00, 0x01, 0x07, 8, 0, 0, 0, 0x02, 0, 0, 0, 0},
            {0x00, 0x03, 0x03, 4, 0x29, 0, 0, 0},
        };
        return ConfigurationReply.assemble(java.util.List.of(features), rt, start, alloc, current);
    }

    /** A bus reset happened: the next command (INQUIRY aside) reports 6/29/00. */
    void reset() {
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
