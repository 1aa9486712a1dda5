package dev.odflash.emulator.download;

import dev.odflash.transport.Device;
import java.util.Arrays;

import static dev.odflash.emulator.download.Wire.cdb;
import static dev.odflash.emulator.download.Wire.none;
import static dev.odflash.emulator.download.Wire.out;
import static dev.odflash.emulator.download.Wire.status;

/** The two MT19xx download forms of docs/protocols.md §2.2, by hand. */
final class Mt1959Wire {
    private Mt1959Wire() {
    }

    /** RD: {@code 3B 01 00 000000 000000 00}, then {@code 3B 06 00 [off24] [len24] 00} per 0x4000; no COMMIT. */
    static void redumper(Device d, byte[] image) throws Exception {
        expectGood(status(none(d, cdb(0x3B, 0x01, 0, 0, 0, 0, 0, 0, 0, 0))));
        for (int off = 0; off < image.length; off += 0x4000) {
            expectGood(status(out(d, cdb(0x3B, 0x06, 0x00, off >> 16, off >> 8 & 0xFF, off & 0xFF, 0x00, 0x40, 0x00, 0x00),
                    Arrays.copyOfRange(image, off, off + 0x4000))));
        }
    }

    /**
     * FM: PREPARE {@code 3B 01 00 00 00 00 00 00 00 0B 00 00}, 128 × STREAM
     * {@code 3B 06 00 oo oo oo 00 40 00 00 00 00}, COMMIT {@code 3B 07 00 00 00 00 00 00 00 00 1B 12}; returns
     * COMMIT's answer.
     */
    static String freemkv(Device d, byte[] image) throws Exception {
        expectGood(status(none(d, cdb(0x3B, 0x01, 0, 0, 0, 0, 0, 0, 0, 0x0B, 0, 0))));
        for (int off = 0; off < image.length; off += 0x4000) {
            expectGood(status(out(d, cdb(0x3B, 0x06, 0x00, off >> 16, off >> 8 & 0xFF, off & 0xFF, 0x00, 0x40, 0x00, 0, 0, 0),
                    Arrays.copyOfRange(image, off, off + 0x4000))));
        }
        return status(none(d, cdb(0x3B, 0x07, 0, 0, 0, 0, 0, 0, 0, 0, 0x1B, 0x12)));
    }

    private static void expectGood(String status) {
        if (!status.equals("GOOD")) {
            throw new AssertionError("expected GOOD, got " + status);
        }
    }

    /** READ BUFFER mode 6, 10-byte (RD): {@code 3C 06 00 [off24] [len24] 00}. */
    static byte[] read(Device d, int offset, int length) throws Exception {
        return Wire.in(d, cdb(0x3C, 0x06, 0x00, offset >> 16, offset >> 8 & 0xFF, offset & 0xFF,
                length >> 16, length >> 8 & 0xFF, length & 0xFF, 0x00), length).data();
    }
}
