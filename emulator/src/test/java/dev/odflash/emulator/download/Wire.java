package dev.odflash.emulator.download;

import dev.odflash.transport.Device;
import dev.odflash.chip.ChipTable;
import dev.odflash.emulator.EmulatedDrives;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.TransportException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Raw CDB bytes to an emulated drive, written in the tests from docs/protocols.md (never from the host's
 * encoders, so an encoding bug on either side fails a test instead of cancelling out).
 */
final class Wire {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Wire() {
    }

    static DownloadDrive open(String spec) throws Exception {
        return (DownloadDrive) EmulatedDrives.open(spec, ChipTable.builtIn());
    }

    static byte[] cdb(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return b;
    }

    static ScsiResult none(Device d, byte[] cdb) throws TransportException {
        return d.scsi().execute(new ScsiRequest(cdb, dev.odflash.transport.DataDirection.NONE, MemorySegment.NULL, TIMEOUT));
    }

    static ScsiResult out(Device d, byte[] cdb, byte[] data) throws TransportException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(data.length);
            MemorySegment.copy(data, 0, seg, ValueLayout.JAVA_BYTE, 0, data.length);
            return d.scsi().execute(ScsiRequest.out(cdb, seg, TIMEOUT));
        }
    }

    record In(ScsiResult result, byte[] data) {
    }

    static In in(Device d, byte[] cdb, int length) throws TransportException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(length);
            ScsiResult r = d.scsi().execute(new ScsiRequest(cdb, dev.odflash.transport.DataDirection.IN, seg, TIMEOUT));
            return new In(r, seg.toArray(ValueLayout.JAVA_BYTE));
        }
    }

    /** INQUIRY, SPC-4: {@code 12 00 00 00 60 00}; returns vendor|product|revision. */
    static String inquiry(Device d) throws TransportException {
        In r = in(d, cdb(0x12, 0, 0, 0, 0x60, 0), 96);
        return new String(r.data(), 8, 8, StandardCharsets.US_ASCII).strip() + "|"
                + new String(r.data(), 16, 16, StandardCharsets.US_ASCII).strip() + "|"
                + new String(r.data(), 32, 4, StandardCharsets.US_ASCII);
    }

    static String revision(Device d) throws TransportException {
        return inquiry(d).split("\\|")[2];
    }

    /** TEST UNIT READY {@code 00 00 00 00 00 00}: "GOOD" or the sense as "K/AA/QQ". */
    static String tur(Device d) throws TransportException {
        return status(none(d, cdb(0, 0, 0, 0, 0, 0)));
    }

    static String status(ScsiResult r) {
        return r.isGood() ? "GOOD" : r.sense().map(s -> String.format("%X/%02X/%02X", s.key(), s.asc(), s.ascq()))
                .orElse("status " + r.status());
    }

    /** Polls TUR once a second (on the drive's virtual clock) until it is not 2/04/08; returns that answer. */
    static String waitReady(Device d, int seconds) throws TransportException {
        for (int i = 0; i < seconds; i++) {
            String s = tur(d);
            if (!s.equals("2/04/08")) {
                return s;
            }
            d.clock().sleep(Duration.ofSeconds(1));
        }
        return "timed out";
    }
}
