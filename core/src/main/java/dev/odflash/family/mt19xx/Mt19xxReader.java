package dev.odflash.family.mt19xx;

import dev.odflash.ops.OdflashException;
import dev.odflash.ops.VerifiedRead;

import dev.odflash.protocol.Progress;
import dev.odflash.protocol.download.DownloadException;
import dev.odflash.family.mt19xx.Mt19xxDownload;
import dev.odflash.transport.TransportException;

import java.time.Duration;
import java.util.Arrays;

/**
 * Reads an MT19xx flash with READ BUFFER mode 6 (CM: a 24-bit window over the ARM address space that
 * covers the flash). Whether retail firmware allows the whole range is an open question
 * (docs/protocols.md §7.7); a drive that refuses part of it fails the read with its sense.
 */
public final class Mt19xxReader {
    static final int CHUNK = 0x10000;

    private Mt19xxReader() {
    }

    public static byte[] readOnce(Mt19xxDownload mt19xx, int size, Progress.Phase phase, int pass, Progress progress)
            throws TransportException, DownloadException {
        byte[] out = new byte[size];
        for (int off = 0; off < size; off += CHUNK) {
            int n = Math.min(CHUNK, size - off);
            byte[] part = mt19xx.read(off, n);
            if (part.length != n) {
                throw new DownloadException(String.format("READ BUFFER at 0x%06X returned %d of %d bytes", off,
                        part.length, n), true);
            }
            System.arraycopy(part, 0, out, off, n);
            progress.bytes(phase, pass, off + n, size);
        }
        return out;
    }

    /** Two passes that agree (a third when they differ), as every backup requires. */
    public static VerifiedRead readTwice(Mt19xxDownload mt19xx, int size, Progress progress)
            throws TransportException, DownloadException, OdflashException {
        byte[] a = readOnce(mt19xx, size, Progress.Phase.READ, 1, progress);
        byte[] b = readOnce(mt19xx, size, Progress.Phase.READ, 2, progress);
        if (Arrays.equals(a, b)) {
            return VerifiedRead.of(b, 2, Duration.ZERO);
        }
        byte[] c = readOnce(mt19xx, size, Progress.Phase.READ, 3, progress);
        if (Arrays.equals(a, c) || Arrays.equals(b, c)) {
            return VerifiedRead.of(c, 3, Duration.ZERO);
        }
        throw OdflashException.device("three READ BUFFER passes disagree: the link or the drive is unreliable;"
                + " nothing was written", null, "READ BUFFER");
    }
}
