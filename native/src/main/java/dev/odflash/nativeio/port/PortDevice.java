package dev.odflash.nativeio.port;

import dev.odflash.nativeio.PortEnding;
import dev.odflash.nativeio.PortForm;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.Device;
import dev.odflash.transport.DeviceClock;
import dev.odflash.transport.ExclusiveUse;
import dev.odflash.transport.ScsiTransport;
import dev.odflash.transport.TaskFile;
import dev.odflash.transport.TransportException;

import java.util.List;
import java.util.Optional;

/**
 * A drive reached through its channel's I/O ports. A drive the kernel lists is identified first through SG_IO on its
 * node (INQUIRY, the drive table), exactly as {@code /dev/sgN}; the first access to its task-file registers closes
 * that node and {@link PortSession#begin() begins} the session, after which the SCSI path is gone until the close
 * rebinds the function. The function's lock is held from the open to the close.
 */
public final class PortDevice implements Device {
    private final PortForm.Resolved target;
    private final PortSession session;
    private final FunctionLock lock;
    private Device live;
    private final TaskFile registers = new LazyRegisters();
    private Optional<PortEnding> ending = Optional.empty();
    private final DeviceClock clock;

    public PortDevice(PortForm.Resolved target, PortEnvironment env, FunctionLock lock, Device live) {
        this.target = target;
        this.session = new PortSession(target, env);
        this.lock = lock;
        this.live = live;
        this.clock = env.clock();
    }

    public PortForm.Resolved target() {
        return target;
    }

    /** How the session ended, once the device is closed and the session had begun. */
    public Optional<PortEnding> ending() {
        return ending;
    }

    /** Why the session was refused (nothing touched, or given back), when it was. */
    public Optional<TransportException> refusal() {
        return session.refusal();
    }

    @Override
    public String spec() {
        return target.spec();
    }

    @Override
    public ScsiTransport scsi() {
        if (live != null) {
            return live.scsi();
        }
        return ScsiTransport.unanswered(session.begun() ? "the channel is taken from the kernel for the port session; the SCSI"
                + " path returns when it ends" : "the kernel lists no drive at " + target.channel().describe() + " "
                + target.positionName() + ", so there is no SCSI path", clock);
    }

    @Override
    public Optional<ChipChannel> chipChannel() {
        return Optional.empty();
    }

    @Override
    public Optional<TaskFile> taskFile() {
        return Optional.of(registers);
    }

    @Override
    public String pathKey() {
        return "port:" + target.channel().function() + ":" + target.channel().index() + ":" + target.position();
    }

    @Override
    public boolean emulated() {
        return false;
    }

    @Override
    public List<String> notes() {
        return List.of("reached through /dev/port: " + target.channel().describe() + ", " + target.positionName()
                + " (the function is unbound from its driver for the vendor mode and bound again afterwards)");
    }

    /** The function's lock is the exclusive use: held from the open, for the whole run. */
    @Override
    public ExclusiveUse acquireExclusive() {
        return new ExclusiveUse() {
            @Override
            public String describe() {
                return "the IDE function " + target.channel().function() + " is locked for this run (one port run per"
                        + " function)";
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public DeviceClock clock() {
        return clock;
    }

    @Override
    public void close() {
        try {
            if (live != null) {
                live.close();
                live = null;
            }
            if (session.touched()) { // a begin that failed after the unbind is rebound too
                ending = Optional.of(session.end());
            }
        } finally {
            lock.close();
        }
    }

    private PortTaskFile begin() throws TransportException {
        if (!session.begun() && live != null) {
            live.close(); // our own open node would count as a holder, and unbinding removes it anyway
            live = null;
        }
        return session.begin();
    }

    /** The drive's registers; the first access begins the session. */
    private final class LazyRegisters implements TaskFile {
        @Override
        public void write(Register register, int value) throws TransportException {
            begin().write(register, value);
        }

        @Override
        public void command(int opcode) throws TransportException {
            begin().command(opcode);
        }

        @Override
        public int status() throws TransportException {
            return begin().status();
        }

        @Override
        public int read(Register register) throws TransportException {
            return begin().read(register);
        }

        @Override
        public DeviceClock clock() {
            return clock;
        }
    }

}
