package dev.odflash.emulator.gadget;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The bulk endpoints of a mounted FunctionFS instance as plain files (Linux Documentation/usb/functionfs.rst): ep1
 * is bulk-IN 0x81, ep2 bulk-OUT 0x02, in the order {@link FunctionFsDescriptors} declares them. An I/O in the wrong
 * direction halts the endpoint, which is how bulk-IN is halted here without native code.
 */
public final class FunctionFsEndpoints implements BulkEndpoints, AutoCloseable {
    private final FileChannel in;
    private final FileChannel out;
    private final int maxPacket;

    public FunctionFsEndpoints(Path mount, int maxPacket) throws IOException {
        this.in = FileChannel.open(mount.resolve("ep1"), StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.out = FileChannel.open(mount.resolve("ep2"), StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.maxPacket = maxPacket;
    }

    @Override
    public int readOut(ByteBuffer into) throws IOException {
        return out.read(into);
    }

    @Override
    public void writeIn(ByteBuffer from) throws IOException {
        while (from.hasRemaining()) {
            in.write(from);
        }
    }

    @Override
    public void haltIn() throws IOException {
        try {
            in.read(ByteBuffer.allocate(1)); // a read on an IN endpoint: FunctionFS halts it and fails the read
        } catch (IOException expected) {
            // EBADMSG after the halt is the normal answer
        }
    }

    @Override
    public int maxPacket() {
        return maxPacket;
    }

    @Override
    public void close() throws IOException {
        try (in; out) {
            // both closed
        }
    }
}
