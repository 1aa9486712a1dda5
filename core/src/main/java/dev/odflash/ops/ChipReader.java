package dev.odflash.ops;

import dev.odflash.protocol.Progress;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.TransportException;

/** Reads the whole flash through a chip channel in the channel's largest read size, with progress. */
final class ChipReader {
    private ChipReader() {
    }

    /** One full pass; the caller has entered vendor mode. */
    static byte[] readAll(ChipChannel channel, long size, int pass, Progress progress) throws TransportException {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("flash too large to hold in memory: " + size);
        }
        byte[] image = new byte[(int) size];
        int chunk = Math.max(256, channel.maxReadLength());
        progress.bytes(Progress.Phase.READ, pass, 0, size);
        for (int pos = 0; pos < size; pos += chunk) {
            int n = (int) Math.min(chunk, size - pos);
            channel.read(pos, image, pos, n);
            progress.bytes(Progress.Phase.READ, pass, pos + n, size);
        }
        return image;
    }
}
