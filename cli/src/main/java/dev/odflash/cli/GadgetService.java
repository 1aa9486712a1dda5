package dev.odflash.cli;

import dev.odflash.emulator.gadget.BulkOnlyServer;
import dev.odflash.emulator.gadget.Ep0Event;
import dev.odflash.emulator.gadget.FunctionFsDescriptors;
import dev.odflash.emulator.gadget.FunctionFsEndpoints;
import dev.odflash.emulator.gadget.UnansweredCommand;

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
 * Serves one emulated drive through a mounted FunctionFS: writes the descriptors and strings to ep0, opens the bulk
 * endpoints, answers ep0's class requests on a thread of its own (GET MAX LUN, Bulk-Only reset; anything else
 * stalled), and runs the Bulk-Only loop on the calling thread, which owns the drive (docs/architecture.md "One thread
 * per drive"). All of this happens before the UDC is bound: the host side sends GET MAX LUN and its first INQUIRY as
 * soon as it enumerates the device, and an unanswered one stalls the scan (docs/testing.md "USB gadget"). A reset in
 * flight ends that command's I/O with an IOException: the command is dropped and the loop waits for the next CBW.
 * A command the drive does not answer gets no CSW: a stalled drive stays on the bus for the host's reset, a drive
 * without power ends the loop (issue 16 §2: the gadget then leaves the bus).
 * It lives in the CLI because it starts a thread and shares flags with it: the emulator holds no locks.
 */
final class GadgetService {
    private final Path mount;
    private volatile boolean stopping;
    private volatile boolean enabled;
    private volatile FileChannel ep0;
    private volatile FunctionFsEndpoints endpoints;
    private volatile Thread ep0Thread;

    GadgetService(Path mount) {
        this.mount = mount;
    }

    /**
     * Writes descriptors and strings (FunctionFS then creates ep1 and ep2), opens both bulk endpoints and starts
     * answering ep0. A read on an endpoint the host has not enabled yet blocks until it is (Linux
     * drivers/usb/gadget/function/f_fs.c), so the loop may start before the UDC is bound.
     */
    void start() throws IOException {
        FileChannel control = FileChannel.open(mount.resolve("ep0"), StandardOpenOption.READ, StandardOpenOption.WRITE);
        ep0 = control;
        control.write(ByteBuffer.wrap(FunctionFsDescriptors.descriptors()));
        control.write(ByteBuffer.wrap(FunctionFsDescriptors.strings("odflash emulated drive")));
        // high speed: dummy_hcd connects at high speed by default (drivers/usb/gadget/udc/dummy_hcd.c, is_high_speed)
        endpoints = new FunctionFsEndpoints(mount, FunctionFsDescriptors.HIGH_SPEED_PACKET);
        ep0Thread = Thread.ofPlatform().daemon().name("odflash-gadget-ep0").start(() -> answerEp0(control));
    }

    /**
     * Serves commands until {@link #stop} or the function goes away (then empty), or until the drive goes off: a
     * command it could not answer because it lost power (then that command; the caller unbinds the gadget at once,
     * so the host sees the drive leave the bus). {@code beforeEach} runs on this thread before each command reaches
     * the drive, {@code log} sees each command served, {@code stalled} each command the drive left unanswered while
     * staying on (the host's usb-storage times it out and resets the device, and the next CBW is served as usual).
     */
    Optional<UnansweredCommand> serve(ScsiTransport drive, Duration commandTimeout, Runnable beforeEach,
            Consumer<BulkOnlyServer.Served> log, Consumer<UnansweredCommand> stalled) throws IOException {
        BulkOnlyServer server = new BulkOnlyServer(drive, endpoints, commandTimeout, beforeEach);
        while (!stopping) {
            try {
                Optional<BulkOnlyServer.Served> served = server.serveOne();
                served.ifPresent(log);
            } catch (UnansweredCommand e) {
                if (stopping) {
                    return Optional.empty();
                }
                if (e.driveOff()) {
                    return Optional.of(e);
                }
                stalled.accept(e); // no CSW: the host's timeout and reset follow; the reset ends the next read
            } catch (IOException e) {
                if (stopping) {
                    return Optional.empty();
                }
                // a reset or a disable in flight (ESHUTDOWN): drop the command, wait until enabled again
                waitEnabled();
            }
        }
        return Optional.empty();
    }

    /**
     * Ends the service from any thread: closing the channels wakes the threads blocked on them (a blocked
     * FileChannel read ends with AsynchronousCloseException), so FunctionFS can be unmounted afterwards.
     */
    void stop() {
        stopping = true;
        FunctionFsEndpoints e = endpoints;
        if (e != null) {
            try {
                e.close();
            } catch (IOException ignored) {
                // closing is all that is wanted
            }
        }
        FileChannel c = ep0;
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing is all that is wanted
            }
        }
        Thread t = ep0Thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(2000);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    boolean stopping() {
        return stopping;
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

    private void answerEp0(FileChannel control) {
        ByteBuffer event = ByteBuffer.allocate(Ep0Event.LENGTH);
        try {
            while (!stopping) {
                event.clear();
                while (event.hasRemaining()) {
                    if (control.read(event) < 0) {
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
                    case SETUP -> answerSetup(control, e.get());
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            // the function went away (unbound, unmounted or stopped): nothing more to answer
        }
    }

    private static void answerSetup(FileChannel control, Ep0Event setup) throws IOException {
        boolean deviceToHost = (setup.requestType() & 0x80) != 0;
        try {
            switch (setup.answer()) {
                case MAX_LUN_ZERO -> control.write(ByteBuffer.wrap(new byte[] {0}));
                case RESET -> control.read(ByteBuffer.allocate(1)); // the status stage; clamped to wLength 0
                case STALL -> {
                    if (deviceToHost) {
                        control.read(ByteBuffer.allocate(1)); // I/O in the wrong direction stalls ep0
                    } else {
                        control.write(ByteBuffer.wrap(new byte[] {0}));
                    }
                }
            }
        } catch (java.nio.channels.ClosedChannelException closed) {
            throw closed; // stopped: the loop ends
        } catch (IOException stalled) {
            // a stall ends the I/O with an error by design (EL2HLT); ep0 goes on
        }
    }
}
