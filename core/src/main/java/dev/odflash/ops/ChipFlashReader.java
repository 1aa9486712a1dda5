package dev.odflash.ops;

import dev.odflash.protocol.Progress;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.Device;
import dev.odflash.transport.TransportException;

import java.time.Duration;
import java.util.Arrays;

/**
 * The read path of the chip-style families: the chip read through a {@link ChipChannel} until two passes
 * agree. A disagreement earns one more pass; if no two passes agree the read fails, since a flaky link
 * would make any backup worthless.
 */
public final class ChipFlashReader implements FlashReader {
    private static final int MAX_PASSES = 3;

    /** A read of the chip's own state that belongs to the same vendor-mode session as the passes (no intro of its own). */
    public interface InSession {
        void run(ChipChannel channel) throws TransportException;
    }

    private final Device device;
    private final ChipChannel channel;
    private final long size;
    private final InSession after;

    public ChipFlashReader(Device device, ChipChannel channel, long size) {
        this(device, channel, size, c -> { });
    }

    /** {@code after} runs once the passes agreed, before the channel is left (e.g. a serial part's status register). */
    public ChipFlashReader(Device device, ChipChannel channel, long size, InSession after) {
        this.device = device;
        this.channel = channel;
        this.size = size;
        this.after = after;
    }

    @Override
    public VerifiedRead read(Progress progress) throws OdflashException {
        Duration start = device.clock().elapsed();
        byte[][] passes = new byte[MAX_PASSES][];
        int pass = 0;
        try {
            channel.enter();
            try {
                while (pass < MAX_PASSES) {
                    passes[pass] = ChipReader.readAll(channel, size, pass + 1, progress);
                    pass++;
                    for (int earlier = 0; earlier < pass - 1; earlier++) {
                        if (Arrays.equals(passes[earlier], passes[pass - 1])) {
                            after.run(channel);
                            Duration took = device.clock().elapsed().minus(start);
                            return VerifiedRead.of(passes[pass - 1], pass, took);
                        }
                    }
                }
            } finally {
                leaveQuietly(channel);
            }
        } catch (TransportException e) {
            throw OdflashException.device("the drive stopped answering during read pass " + (pass + 1) + ": "
                    + e.getMessage() + "; nothing was written", e, "read");
        }
        throw OdflashException.device(MAX_PASSES + " read passes all disagree (first difference at 0x"
                + Long.toHexString(Arrays.mismatch(passes[0], passes[1])) + "): the link or the drive is unreliable;"
                + " no backup was written", null, "read");
    }

    private static void leaveQuietly(ChipChannel channel) {
        try {
            channel.leave();
        } catch (TransportException ignored) {
            // the read already failed or finished; the drive resets on the next power cycle anyway
        }
    }
}
