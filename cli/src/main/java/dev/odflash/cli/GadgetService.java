package dev.odflash.cli;

import dev.odflash.emulator.gadget.BulkOnlyServer;
import dev.odflash.emulator.gadget.Ep0Event;
import dev.odflash.emulator.gadget.FunctionFsDescriptors;
import dev.odflash.emulator.gadget.FunctionFsEndpoints;

import dev.odflash.transport.ScsiTransport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Serves one emulated drive through a mounted FunctionFS: writes the descriptors and strings to ep0, answers ep0's
 * class requests on a thread of its own (GET MAX LUN, Bulk-Only reset; anything else stalled), and runs the
 * Bulk-Only loop on the calling thread, which owns the drive (docs/architecture.md "One thread per drive"). A reset
 * in flight ends that command's I/O with an IOException: the command is dropped and the loop waits for the next CBW.
 * It lives in the CLI because it starts a thread and shares two flags with it: the emulator holds no locks
 * (docs/architecture.md "One thread per drive").
 */
final class GadgetService {
    private final Path mount;
    private volatile boolean stopping;
    private volatile boolean enabled;

    public GadgetService(Path mount) {
        this.mount = mount;
    }

    /** Writes descriptors and strings and starts answering ep0; the endpoints ep1 and ep2 exist afterwards. */
    public Thread start() throws IOException {
        FileChannel ep0 = FileChannel.open(mount.resolve("ep0"), StandardOpenOption.READ, StandardOpenOption.WRITE);
        ep0.write(ByteBuffer.wrap(FunctionFsDescriptors.descriptors()));
        ep0.write(ByteBuffer.wrap(FunctionFsDescriptors.strings("odflash emulated drive")));
        Thread t = Thread.ofPlatform().daemon().name("odflash-gadget-ep0").start(() -> answerEp0(ep0));
        return t;
    }

    /** Serves commands until {@link #stop} or the function goes away; {@code log} sees each command served. */
    public void serve(ScsiTransport drive, Duration commandTimeout, Consumer<BulkOnlyServer.Served> log) throws IOException {
        // high speed: dummy_hcd connects at high speed by default (drivers/usb/gadget/udc/dummy_hcd.c, is_high_speed)
        try (FunctionFsEndpoints endpoints = new FunctionFsEndpoints(mount, FunctionFsDescriptors.HIGH_SPEED_PACKET)) {
            BulkOnlyServer server = new BulkOnlyServer(drive, endpoints, commandTimeout);
            while (!stopping) {
                try {
                    Optional<BulkOnlyServer.Served> served = server.serveOne();
                    served.ifPresent(log);
                } catch (IOException e) {
                    if (stopping) {
                        return;
                    }
                    // a reset or a disable in flight (ESHUTDOWN): drop the command, wait until enabled again
                    waitEnabled();
                }
            }
        }
    }

    public void stop() {
        stopping = true;
    }

    private void waitEnabled() {
        try {
            for (int i = 0; i < 200 && !enabled && !stopping; i++) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private void answerEp0(FileChannel ep0) {
        ByteBuffer event = ByteBuffer.allocate(Ep0Event.LENGTH);
        try (ep0) {
            while (!stopping) {
                event.clear();
                while (event.hasRemaining()) {
                    if (ep0.read(event) < 0) {
                        return;
                    }
                }
                Optional<Ep0Event> e = Ep0Event.parse(event.array());
                if (e.isEmpty()) {
                    continue;
                }
                switch (e.get().type()) {
                    case ENABLE -> enabled = true;
                    case DISABLE, UNBIND -> enabled = false;
                    case SETUP -> answerSetup(ep0, e.get());
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            // the function went away (unbound or unmounted): nothing more to answer
        }
    }

    private static void answerSetup(FileChannel ep0, Ep0Event setup) throws IOException {
        boolean deviceToHost = (setup.requestType() & 0x80) != 0;
        try {
            switch (setup.answer()) {
                case MAX_LUN_ZERO -> ep0.write(ByteBuffer.wrap(new byte[] {0}));
                case RESET -> ep0.read(ByteBuffer.allocate(1)); // the status stage; clamped to wLength 0
                case STALL -> {
                    if (deviceToHost) {
                        ep0.read(ByteBuffer.allocate(1)); // I/O in the wrong direction stalls ep0
                    } else {
                        ep0.write(ByteBuffer.wrap(new byte[] {0}));
                    }
                }
            }
        } catch (IOException stalled) {
            // a stall ends the I/O with an error by design (EL2HLT); ep0 goes on
        }
    }
}
