package dev.odflash.emulator.core;

import dev.odflash.emulator.AtapiBus;
import dev.odflash.emulator.HostQuirks;
import dev.odflash.emulator.chip.VirtualClock;
import dev.odflash.transport.DataDirection;
import dev.odflash.transport.DeviceClock;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.ScsiTransport;
import dev.odflash.transport.SenseData;
import dev.odflash.transport.TransportException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.Optional;

/**
 * The ATAPI side every emulated personality shares (docs/architecture.md "The shared core"). In order,
 * for each SCSI command:
 * <ol>
 * <li>the host path's limits ({@link HostQuirks}): buffer alignment mask and largest transfer, checked
 *     as the OS does, and a {@code bridge=drop-vendor} USB bridge that swallows vendor-specific opcodes
 *     (0xC0-0xFF, SPC-4; docs/protocols.md §1.2) before the drive sees them: no answer within the
 *     host's timeout, and the drive does not count the command;</li>
 * <li>{@link CommandFaults#begin}: the command count, power and command faults;</li>
 * <li>a pending UNIT ATTENTION (after a bus reset or a power-on restart, 6/29/00): INQUIRY runs and
 *     leaves it pending, REQUEST SENSE returns it with GOOD, any other command is not run and ends in
 *     CHECK CONDITION (SPC-4); either clears it;</li>
 * <li>REQUEST SENSE (0x03): the last command's sense, or what the drive is busy with;</li>
 * <li>while the drive is busy ({@link Personality#busy}) every command but INQUIRY and REQUEST SENSE
 *     answers with that sense;</li>
 * <li>TEST UNIT READY (0x00): NOT READY / MEDIUM NOT PRESENT (2/3A/01) without a disc in the tray;</li>
 * <li>everything else is the personality's: it decodes the raw CDB bytes itself; an opcode it does
 *     not know gets ILLEGAL REQUEST / INVALID COMMAND OPERATION CODE (5/20/00).</li>
 * </ol>
 * The drive side deals in raw sense bytes only ({@link FixedSense}, the emulator's own encoder); as a
 * real pass-through does, the transport side hands them to the host's one parser
 * ({@link SenseData#parse}), so what the host decodes is exactly what the emulated drive sent.
 * {@code badsense@cmd:N} makes command N end in CHECK CONDITION with bytes that are no sense format.
 */
public final class EmulatedAtapiFrontEnd implements ScsiTransport {
    /** What a personality answers; everything else is the front end's. */
    public interface Personality {
        /** INQUIRY (0x12), standard or VPD, from what the drive's flash holds. */
        Reply inquiry(byte[] cdb);

        /**
         * Any opcode but INQUIRY, TEST UNIT READY and REQUEST SENSE, or null when the firmware does
         * not know it.
         *
         * @param out      the data the host sent (empty unless data-out)
         * @param inLength bytes the host asked to read (0 unless data-in)
         */
        Reply answer(byte[] cdb, byte[] out, int inLength) throws TransportException;

        /** The sense bytes every command but INQUIRY and REQUEST SENSE answers with while the drive works (e.g. 2/04/08). */
        default Optional<byte[]> busy() {
            return Optional.empty();
        }

        /** True for the CDBs that carry firmware toward the flash (counted in {@link #writeCommands}). */
        default boolean writeCommand(byte[] cdb) {
            return false;
        }

        /** The host closed the transport: the device closes. */
        void close();
    }

    private static final byte[] NO_SENSE = FixedSense.of(FixedSense.NO_SENSE, 0, 0);

    private final HostQuirks quirks;
    private final VirtualClock clock;
    private final CommandFaults faults;
    private final Personality personality;
    private byte[] lastSense = NO_SENSE;
    private boolean unitAttention;
    private long writeCommands;
    private long droppedByBridge;

    public EmulatedAtapiFrontEnd(HostQuirks quirks, VirtualClock clock, CommandFaults faults, Personality personality) {
        this.quirks = quirks;
        this.clock = clock;
        this.faults = faults;
        this.personality = personality;
    }

    @Override
    public ScsiResult execute(ScsiRequest request) throws TransportException {
        quirks.checkPath(request);
        long start = clock.nanos();
        String what = String.format("command 0x%02X", request.opcode());
        if (request.opcode() >= 0xC0) {
            dropVendor(what, request.timeout());
        }
        faults.begin(what, request.timeout());
        byte[] cdb = request.cdb();
        if (personality.writeCommand(cdb)) {
            writeCommands++;
        }
        if (unitAttention && request.opcode() != 0x12) {
            unitAttention = false;
            lastSense = FixedSense.of(FixedSense.UNIT_ATTENTION, 0x29, 0x00);
            if (request.opcode() != 0x03) {
                clock.advance(AtapiBus.commandNanos(0));
                return checkCondition(lastSense, start);
            }
        }
        byte[] out = Reply.NONE;
        if (request.direction() == DataDirection.OUT) {
            out = request.data().toArray(ValueLayout.JAVA_BYTE);
            clock.advance(AtapiBus.transferNanos(out.length));
        }
        int inLength = request.direction() == DataDirection.IN ? (int) request.length() : 0;
        Reply reply = faults.badSenseNow() ? Reply.check(FixedSense.malformed()) : answer(cdb, out, inLength);
        long moved = 0;
        if (reply.ok() && request.direction() == DataDirection.IN) {
            moved = Math.min(reply.data().length, request.length());
            MemorySegment.copy(reply.data(), 0, request.data(), ValueLayout.JAVA_BYTE, 0, (int) moved);
        }
        clock.advance(AtapiBus.commandNanos(moved));
        if (!reply.ok()) {
            lastSense = reply.sense();
            return checkCondition(reply.sense(), start);
        }
        return ScsiResult.good(reply.residual() >= 0 ? reply.residual() : request.length() - moved, took(start));
    }

    private Reply answer(byte[] cdb, byte[] out, int inLength) throws TransportException {
        int opcode = cdb[0] & 0xFF;
        if (opcode == 0x12) {
            return personality.inquiry(cdb);
        }
        Optional<byte[]> busy = personality.busy();
        if (opcode == 0x03) {
            byte[] sense = busy.orElse(lastSense);
            lastSense = NO_SENSE;
            return Reply.data(sense.clone()); // any allocation length: FM sends byte 4 = 0x80 for 16 bytes in
        }
        if (busy.isPresent()) {
            return new Reply(Reply.NONE, busy.get(), -1);
        }
        if (opcode == 0x00) {
            return quirks.mediumPresent() ? Reply.good()
                    : Reply.check(FixedSense.NOT_READY, 0x3A, 0x01); // medium not present, tray closed
        }
        Reply r = personality.answer(cdb, out, inLength);
        return r == null ? Reply.invalidOpcode() : r;
    }

    /**
     * A vendor command meets a {@code bridge=drop-vendor} path: it never reaches the drive, and the host
     * waits out its timeout. Chip-channel calls that go out as vendor commands (Vendor Intro) use it too.
     */
    public void dropVendor(String what, Duration timeout) throws TransportException {
        if (!quirks.bridgeDropsVendor()) {
            return;
        }
        droppedByBridge++;
        clock.advance(timeout);
        throw new TransportException(TransportException.Kind.NO_ANSWER, what + " got no answer: the USB bridge"
                + " between host and drive drops vendor commands (connect the drive to a SATA/IDE port)");
    }

    /** A bus reset or a power-on restart: the next command other than INQUIRY reports 6/29/00. */
    public void raiseUnitAttention() {
        unitAttention = true;
    }

    /** CDBs the personality calls write commands that reached the drive, accepted or refused. */
    public long writeCommands() {
        return writeCommands;
    }

    /** Vendor commands a {@code bridge=drop-vendor} path swallowed before the drive saw them. */
    public long droppedByBridge() {
        return droppedByBridge;
    }

    /**
     * CHECK CONDITION as the host's transport reports it: the pass-through returns the drive's sense
     * bytes and the transport decodes them with the one parser, as SG_IO and SPTI do.
     */
    private ScsiResult checkCondition(byte[] sense, long start) {
        return ScsiResult.checkCondition(SenseData.parse(sense), took(start));
    }

    private Duration took(long start) {
        return Duration.ofNanos(clock.nanos() - start);
    }

    @Override
    public long maxTransferLength() {
        return quirks.maxTransfer();
    }

    @Override
    public int alignmentMask() {
        return quirks.alignmentMask();
    }

    @Override
    public DeviceClock clock() {
        return clock;
    }

    @Override
    public void close() {
        personality.close();
    }
}
