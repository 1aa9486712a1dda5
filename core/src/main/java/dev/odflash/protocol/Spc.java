package dev.odflash.protocol;

import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.ScsiTransport;
import dev.odflash.transport.SenseData;
import dev.odflash.transport.TransportException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;

/**
 * The SPC/MMC commands every drive answers: INQUIRY, TEST UNIT READY, REQUEST SENSE and GET
 * CONFIGURATION. Opcodes and CDB layouts: SPC-4 (INQUIRY 0x12, TEST UNIT READY 0x00, REQUEST SENSE
 * 0x03) and MMC-6 (GET CONFIGURATION 0x46). The unit's serial number comes from the Unit Serial
 * Number VPD page (SPC-4 "Unit Serial Number VPD page", INQUIRY with EVPD = 1, page code 0x80) or from GET CONFIGURATION
 * feature 0x0108 ({@link Configuration#unitSerial}).
 */
public final class Spc {
    public static final int INQUIRY = 0x12;
    public static final int TEST_UNIT_READY = 0x00;
    public static final int REQUEST_SENSE = 0x03;
    public static final int GET_CONFIGURATION = 0x46;

    private final ScsiTransport transport;

    public Spc(ScsiTransport transport) {
        this.transport = transport;
    }

    /** INQUIRY with allocation length 36 (standard) or 96 (with the vendor-specific area). */
    public InquiryData inquiry(int allocationLength) throws TransportException, ScsiCommandException {
        byte[] cdb = {INQUIRY, 0, 0, (byte) (allocationLength >> 8), (byte) allocationLength, 0};
        byte[] data = dataIn("INQUIRY", cdb, allocationLength);
        if (data.length < 36) {
            throw new ScsiCommandException("INQUIRY", "returned " + data.length + " bytes, fewer than the 36 SPC requires");
        }
        return InquiryData.parse(data);
    }

    /** VPD page 0x80: bytes 2-3 the page length, bytes 4.. the PRODUCT SERIAL NUMBER in ASCII (SPC-4, Unit Serial Number VPD page). */
    public static final int VPD_UNIT_SERIAL_NUMBER = 0x80;

    /**
     * The Unit Serial Number VPD page (INQUIRY EVPD = 1, page 0x80; SPC-4 INQUIRY and "Unit Serial Number VPD page"). Empty when
     * the drive offers no such page (CHECK CONDITION, as MMC drives commonly answer) or reports only blanks.
     */
    public Optional<String> unitSerialNumber() throws TransportException {
        int alloc = 0xFC;
        byte[] cdb = {INQUIRY, 0x01, (byte) VPD_UNIT_SERIAL_NUMBER, 0, (byte) alloc, 0};
        byte[] data;
        try {
            data = dataIn("INQUIRY VPD 0x80", cdb, alloc);
        } catch (ScsiCommandException e) {
            return Optional.empty();
        }
        if (data.length < 4 || (data[1] & 0xFF) != VPD_UNIT_SERIAL_NUMBER) {
            return Optional.empty();
        }
        int length = Math.min(data.length - 4, (data[2] & 0xFF) << 8 | data[3] & 0xFF);
        return Configuration.printable(data, 4, length);
    }

    /** Empty when the unit is ready; the sense otherwise (02/3A/xx = no medium, the normal case for flashing). */
    public Optional<SenseData> testUnitReady() throws TransportException {
        ScsiResult r = transport.execute(ScsiRequest.noData(new byte[]{TEST_UNIT_READY, 0, 0, 0, 0, 0}));
        if (r.isGood()) {
            return Optional.empty();
        }
        return Optional.of(r.sense().orElse(SenseData.fixed(SenseData.NOT_READY, 0x04, 0x00)));
    }

    public SenseData requestSense() throws TransportException, ScsiCommandException {
        byte[] cdb = {REQUEST_SENSE, 0, 0, 0, 18, 0};
        return SenseData.parse(dataIn("REQUEST SENSE", cdb, 18));
    }

    /** GET CONFIGURATION, RT = 0 (all features) from feature 0. */
    public Configuration getConfiguration() throws TransportException, ScsiCommandException {
        int alloc = 1024;
        byte[] cdb = {GET_CONFIGURATION, 0, 0, 0, 0, 0, 0, (byte) (alloc >> 8), (byte) alloc, 0};
        byte[] data = dataIn("GET CONFIGURATION", cdb, alloc);
        if (data.length < 8) {
            throw new ScsiCommandException("GET CONFIGURATION", "returned " + data.length + " bytes, fewer than its 8-byte header");
        }
        return Configuration.parse(data, data.length);
    }

    /** Runs a data-in command; returns the bytes actually transferred (length minus residual). */
    public byte[] dataIn(String name, byte[] cdb, int length) throws TransportException, ScsiCommandException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = transport.allocate(arena, length);
            ScsiResult r = transport.execute(ScsiRequest.in(cdb, buffer));
            if (!r.isGood()) {
                throw new ScsiCommandException(name, r);
            }
            long got = Math.max(0, length - r.residual());
            return buffer.asSlice(0, got).toArray(ValueLayout.JAVA_BYTE);
        }
    }
}
