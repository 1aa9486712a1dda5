package dev.odflash.nativeio.flashrom;

import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.Device;
import dev.odflash.transport.DeviceClock;
import dev.odflash.transport.ExternalProgrammer;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.ScsiTransport;
import dev.odflash.transport.TransportException;

import java.util.List;
import java.util.Optional;

/**
 * A {@code flashrom:} device: a chip on a programmer, no drive. The chip channel exists once the chip is probed
 * (the probe may need the user's chip name); SCSI commands are refused, since nothing answers them.
 */
public final class FlashromDevice implements Device {
    private final String spec;
    private final String pathKey;
    private final ProgrammerSession session;
    private final DeviceClock clock = DeviceClock.wall();
    private final ScsiTransport noScsi = new NoScsi();
    private FlashromChipChannel channel;

    private FlashromDevice(String spec, String pathKey, ProgrammerSession session) {
        this.spec = spec;
        this.pathKey = pathKey;
        this.session = session;
    }

    /** Opens the programmer named by the spec; the library loads here, on first use. */
    public static FlashromDevice open(String spec) throws TransportException {
        FlashromSpec parsed = FlashromSpec.parse(spec);
        ProgrammerSession session = FlashromSession.open(parsed.programmer(), parsed.params());
        if (parsed.faults().isPresent()) {
            try {
                session = new FaultyProgrammer(session, FaultPlan.parse(parsed.faults().get()));
            } catch (IllegalArgumentException e) {
                session.close();
                throw e;
            }
        }
        LibraryLog.attachIfAsked(session);
        // the journal's key: the programmer and its parameters, without odflash's own fault items (a resume after
        // a cut runs without them)
        String key = FlashromSpec.PREFIX + parsed.programmer() + (parsed.params().isEmpty() ? "" : ":" + parsed.params());
        return new FlashromDevice(spec, key, session);
    }

    /** The session, for a test or benchmark that counts the library's own log lines. */
    public void observe(int level, java.util.function.Consumer<String> lines) {
        session.observe(level, lines);
    }

    @Override
    public Optional<ExternalProgrammer> programmer() {
        return Optional.of(new ExternalProgrammer() {
            @Override
            public String programmer() {
                return session.programmer();
            }

            @Override
            public Probed probe(Optional<String> flashromName) throws TransportException {
                Probed probed = session.probe(flashromName);
                channel = new FlashromChipChannel(session);
                return probed;
            }

            @Override
            public Protection protection() throws TransportException {
                return session.protection();
            }

            @Override
            public void unprotect() throws TransportException {
                session.unprotect();
            }

            @Override
            public Erased erased() {
                return session.erased();
            }
        });
    }

    @Override
    public String spec() {
        return spec;
    }

    @Override
    public ScsiTransport scsi() {
        return noScsi;
    }

    @Override
    public Optional<ChipChannel> chipChannel() {
        return Optional.ofNullable(channel);
    }

    @Override
    public DeviceClock clock() {
        return clock;
    }

    @Override
    public String pathKey() {
        return pathKey;
    }

    @Override
    public boolean emulated() {
        return session.programmer().equals("dummy");
    }

    @Override
    public List<String> notes() {
        return emulated()
                ? List.of("libflashrom's dummy programmer emulates the chip; it writes its image= file when odflash"
                + " closes the programmer, and programs by overwriting (a missing erase goes unnoticed there)")
                : List.of("a chip on an external programmer: no drive answers, the chip's contents identify it");
    }

    @Override
    public void close() {
        session.close();
    }

    private final class NoScsi implements ScsiTransport {
        @Override
        public ScsiResult execute(ScsiRequest request) throws TransportException {
            throw new TransportException(TransportException.Kind.NOT_SCSI, spec + " is a chip on a programmer: no drive"
                    + " answers SCSI commands");
        }

        @Override
        public long maxTransferLength() {
            return 0;
        }

        @Override
        public int alignmentMask() {
            return 0;
        }

        @Override
        public DeviceClock clock() {
            return clock;
        }

        @Override
        public void close() {
        }
    }
}
