package dev.odflash.nativeio.linux;

import dev.odflash.transport.DataDirection;
import dev.odflash.transport.DeviceClock;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.ScsiTransport;
import dev.odflash.transport.SenseData;
import dev.odflash.transport.TransferSplit;
import dev.odflash.transport.TransportException;
import dev.odflash.transport.TransportException.Kind;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Linux SG_IO on /dev/sgN or /dev/srN (sg driver version 3 interface, sg.h). The header, CDB and sense
 * buffer live in one native block the transport allocates once and rewrites for every command (SG_IO
 * is synchronous: when the ioctl returns the kernel no longer looks at them, and only the owner thread
 * issues commands, so there is never a second user); data buffers are page aligned (a caller's
 * unaligned or heap buffer is bounced through an aligned copy made for that command); every command
 * carries its timeout.
 * An EINVAL on a large transfer lowers the remembered limit; reads are then split (TransferSplit).
 *
 * <p>Thread confinement: a transport belongs to the thread that opened it (a command opens, uses and
 * closes its drive on one thread; nothing in odflash hands a drive to another). Its descriptor, its
 * read-only state and its remembered transfer limit are therefore plain fields, without locks; every
 * method that touches them first checks the caller ({@link OwnerThread}), so a use from another thread
 * fails at once with an {@link IllegalStateException} instead of racing on the descriptor.
 */
public final class SgTransport implements ScsiTransport {
    private static final int SENSE_LENGTH = 64;
    /** ScsiRequest allows CDBs of 6..16 bytes. */
    private static final int CDB_MAX = 16;
    private static final long PAGE = 4096;
    /** CDB bytes packed into longs, byte i at offset i on every platform. */
    private static final ValueLayout.OfLong CDB_WORD =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
    /** SG_GET_VERSION_NUM (sg.h 0x2282): answered by sg and by SCSI block devices, ENOTTY elsewhere. */
    static final long SG_GET_VERSION_NUM = 0x2282;
    /** SG_SET_RESERVED_SIZE (sg.h 0x2275): the size of the sg driver's per-descriptor reserve buffer. */
    static final long SG_SET_RESERVED_SIZE = 0x2275;
    /**
     * The reserve buffer odflash asks for. The sg driver copies a command's data through this buffer when
     * it fits (32 KiB by default, sg.c def_reserved_size) and otherwise allocates and zeroes fresh pages
     * for every command; sg_dd sets the reserve to bs*bpt, and a benchmark against it should compare the
     * same kernel path. 256 KiB covers odflash's usual transfers without tying up much kernel memory; the
     * driver caps it at the queue's limit itself.
     */
    static final int RESERVE_SIZE = 256 * 1024;

    private final String node;
    private final LinuxIo io;
    private final DeviceClock clock = DeviceClock.wall();
    private final OwnerThread owner;
    private int fd;
    private boolean readOnly;
    private long maxTransfer;
    /** Header, CDB and sense buffer, reused command after command; made on first use, freed by close(). */
    private Arena scratchArena;
    private MemorySegment hdr;
    /**
     * The header as the next command will send it, copied whole into {@link #hdr} before every SG_IO, so a
     * command never sees what a reply left there; its per-command fields are rewritten only when a command's
     * shape (direction, CDB length, buffer, timeout) differs from the last one's, which in a transfer loop
     * is never. One bulk copy costs less than clearing the header and setting its fields one by one under
     * C1 (scripts/bench-sg-overhead.sh, docs/build-notes.md).
     */
    private MemorySegment template;
    private int shapeDirection;
    private int shapeCmdLen = -1;
    private long shapeLength;
    private long shapeAddress;
    private int shapeTimeout;
    /** The last command's timeout and its milliseconds, so the same Duration is not converted again. */
    private Duration lastTimeout;
    private int lastTimeoutMillis;
    private MemorySegment cdbBuffer;
    private MemorySegment senseBuffer;
    /** Where the linker leaves errno for this transport's SG_IO calls (LinuxIo#errnoState): no per-thread lookup. */
    private MemorySegment errnoState;
    /**
     * How many leading bytes of senseBuffer an earlier command may have left written: the sg driver copies
     * exactly sb_len_wr bytes of sense (drivers/scsi/sg.c, sg_new_read), so clearing those before the next
     * command leaves the whole buffer zero; after a failed ioctl nothing is known and all of it is cleared.
     * Most commands return no sense, and then nothing is cleared.
     */
    private int senseDirty = SENSE_LENGTH;

    private SgTransport(String node, LinuxIo io, int fd, boolean readOnly, long maxTransfer) {
        this.node = node;
        this.io = io;
        this.fd = fd;
        this.readOnly = readOnly;
        this.maxTransfer = maxTransfer;
        this.owner = new OwnerThread(node);
    }

    /** Opens {@code node} O_RDWR|O_NONBLOCK (read-only as a fallback) and checks it speaks SG_IO. */
    public static SgTransport open(String node, LinuxIo io, long maxTransfer) throws TransportException {
        SgTransport t = new SgTransport(node, io, -1, false, maxTransfer);
        t.reopen(false);
        return t;
    }

    /**
     * Closes and reopens the node, with O_EXCL when {@code exclusive}: the sg driver then refuses
     * other openers (EBUSY under O_NONBLOCK), and on a block node the kernel refuses it while mounted.
     */
    public void reopen(boolean exclusive) throws TransportException {
        owner.check();
        if (fd >= 0) {
            io.close(fd);
            fd = -1;
        }
        int base = LinuxIo.O_NONBLOCK | LinuxIo.O_CLOEXEC | (exclusive ? LinuxIo.O_EXCL : 0);
        LinuxIo.Outcome o = io.open(node, base | LinuxIo.O_RDWR);
        boolean ro = false;
        if (o.failed() && !exclusive && (o.errno() == Errno.EACCES || o.errno() == Errno.EROFS)) {
            LinuxIo.Outcome r = io.open(node, base | LinuxIo.O_RDONLY);
            if (!r.failed()) {
                o = r;
                ro = true;
            }
        }
        if (o.failed()) {
            throw Errno.open(node, o.errno(), group(node));
        }
        fd = o.rc();
        readOnly = ro;
        try (Arena arena = Arena.ofConfined()) {
            LinuxIo.Outcome v = io.ioctl(fd, SG_GET_VERSION_NUM, arena.allocate(ValueLayout.JAVA_INT));
            if (v.failed() && v.errno() == Errno.ENOTTY) {
                io.close(fd);
                fd = -1;
                throw Errno.ioctl(node, "SG_GET_VERSION_NUM (is this an SG_IO device?)", Errno.ENOTTY, 0);
            }
            // a speed hint for this descriptor only, and a refusal changes nothing. Not on a block node
            // (srN): there the block layer merely stores the value on the queue every user shares.
            if (sgNode(node)) {
                MemorySegment reserve = arena.allocateFrom(ValueLayout.JAVA_INT,
                        (int) Math.clamp(maxTransfer, PAGE, RESERVE_SIZE));
                io.ioctl(fd, SG_SET_RESERVED_SIZE, reserve);
            }
        }
    }

    /**
     * flock(2) on this transport's own descriptor: the drive lock while the node is open O_EXCL, when
     * the sg driver lets no second descriptor (the lock's) exist (see LinuxDrive#acquireExclusive).
     */
    LinuxIo.Outcome flock(int operation) {
        owner.check();
        return fd < 0 ? new LinuxIo.Outcome(-1, Errno.EBADF) : io.flock(fd, operation);
    }

    /** True when the node could only be opened read-only (write commands will be refused by the kernel). */
    public boolean readOnly() {
        owner.check();
        return readOnly;
    }

    public String node() {
        return node;
    }

    @Override
    public ScsiResult execute(ScsiRequest request) throws TransportException {
        owner.check();
        if (fd < 0) {
            throw new TransportException(Kind.NO_DEVICE, node + " is closed");
        }
        long limit = maxTransfer;
        long length = request.length();
        if (length > limit) {
            return split(request, limit);
        }
        return single(request, length);
    }

    private ScsiResult split(ScsiRequest request, long limit) throws TransportException {
        Optional<List<TransferSplit.Chunk>> chunks = request.direction() == DataDirection.IN
                ? TransferSplit.split(request.cdb(), request.length(), limit) : Optional.empty();
        if (chunks.isEmpty()) {
            throw new TransportException(Kind.TRANSFER_TOO_LARGE, node + ": " + name(request) + " moves "
                    + request.length() + " bytes, more than the " + limit + " this path accepts; send it in"
                    + " smaller pieces");
        }
        long residual = 0;
        Duration total = Duration.ZERO;
        for (TransferSplit.Chunk c : chunks.get()) {
            ScsiRequest part = new ScsiRequest(c.cdb(), DataDirection.IN, request.data().asSlice(c.offset(), c.length()),
                    request.timeout());
            ScsiResult r = execute(part);
            total = total.plus(r.duration());
            residual += r.residual();
            if (!r.isGood()) {
                long notDone = request.length() - c.offset() - c.length();
                return new ScsiResult(r.status(), r.sense(), residual + notDone, total);
            }
        }
        return new ScsiResult(ScsiResult.GOOD, Optional.empty(), residual, total);
    }

    private ScsiResult single(ScsiRequest request, long length) throws TransportException {
        MemorySegment user = request.data();
        boolean bounce = length > 0 && (!user.isNative() || user.address() % PAGE != 0);
        if (!bounce) {
            return issue(request, length, user, user, false);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(length, PAGE);
            if (request.direction() == DataDirection.OUT) {
                data.copyFrom(user);
            }
            return issue(request, length, user, data, true);
        }
    }

    /** One SG_IO with {@code data} as the transfer buffer; a bounced read is copied back to {@code user}. */
    private ScsiResult issue(ScsiRequest request, long length, MemorySegment user, MemorySegment data, boolean bounce)
            throws TransportException {
        if (hdr == null) {
            scratchArena = Arena.ofConfined();
            hdr = scratchArena.allocate(SgIoHdr.LAYOUT);
            template = scratchArena.allocate(SgIoHdr.LAYOUT);
            cdbBuffer = scratchArena.allocate(CDB_MAX);
            senseBuffer = scratchArena.allocate(SENSE_LENGTH);
            errnoState = io.errnoState(scratchArena);
            SgIoHdr.fill(template, SgIoHdr.SG_DXFER_NONE, cdbBuffer, MemorySegment.NULL, senseBuffer, 1);
            shapeCmdLen = -1;
        }
        byte[] cdbBytes = request.cdb();
        writeCdb(cdbBytes);
        // a stale sense from an earlier command can never be read: only sb_len_wr bytes are, and the
        // header (sb_len_wr included) is rewritten from the template; clearing what an earlier sense left keeps a dump honest
        if (senseDirty > 0) {
            senseBuffer.asSlice(0, senseDirty).fill((byte) 0);
            senseDirty = 0;
        }
        int direction = switch (request.direction()) {
            case NONE -> SgIoHdr.SG_DXFER_NONE;
            case IN -> SgIoHdr.SG_DXFER_FROM_DEV;
            case OUT -> SgIoHdr.SG_DXFER_TO_DEV;
        };
        Duration timeout = request.timeout();
        if (timeout != lastTimeout) { // most commands share ScsiRequest.DEFAULT_TIMEOUT or their caller's one
            lastTimeout = timeout;
            lastTimeoutMillis = (int) Math.clamp(timeout.toMillis(), 1, Integer.MAX_VALUE);
        }
        int millis = lastTimeoutMillis;
        MemorySegment transfer = length == 0 ? MemorySegment.NULL : data;
        if (direction != shapeDirection || cdbBytes.length != shapeCmdLen || length != shapeLength
                || transfer.address() != shapeAddress || millis != shapeTimeout) {
            SgIoHdr.reshape(template, direction, cdbBytes.length, transfer, millis);
            shapeDirection = direction;
            shapeCmdLen = cdbBytes.length;
            shapeLength = length;
            shapeAddress = transfer.address();
            shapeTimeout = millis;
        }
        // every command starts from the whole template, whatever the last reply (or a kernel) left in the header
        MemorySegment.copy(template, 0, hdr, 0, SgIoHdr.SIZE);
        long start = System.nanoTime();
        LinuxIo.Outcome o = io.ioctl(fd, SgIoHdr.SG_IO, hdr, errnoState);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (o.failed()) {
            senseDirty = SENSE_LENGTH;
            return failed(request, o.errno());
        }
        long word = SgIoHdr.statusWord(hdr);
        int status = SgIoHdr.status(word);
        int senseLength = Math.min(SgIoHdr.senseLength(word), SENSE_LENGTH);
        int resid = SgIoHdr.resid(hdr);
        senseDirty = senseLength;
        if (resid > 0 && request.direction() == DataDirection.IN) {
            // the bytes the drive did not send: zero, as fresh kernel pages were, never what an earlier
            // command of this descriptor left in the reserve buffer
            long untouched = Math.min(resid, length);
            data.asSlice(length - untouched, untouched).fill((byte) 0);
        }
        if (status == ScsiResult.CHECK_CONDITION && senseLength > 0) {
            byte[] s = senseBuffer.asSlice(0, senseLength).toArray(ValueLayout.JAVA_BYTE);
            return new ScsiResult(status, Optional.of(SenseData.parse(s)), Math.max(0, resid), took);
        }
        // the command's name is formatted only for a failure: String.format on every command was a
        // measurable part of a TEST UNIT READY round trip
        int host = SgIoHdr.hostStatus(word);
        int driver = SgIoHdr.driverStatus(word);
        if (!HostStatus.ok(host, driver)) {
            throw HostStatus.failure(node, name(request), host, driver).orElseThrow();
        }
        if (bounce && request.direction() == DataDirection.IN) {
            user.copyFrom(data);
        }
        return new ScsiResult(status, Optional.empty(), Math.max(0, resid), took);
    }

    /**
     * The CDB into its buffer as two 8-byte stores, the bytes past its length zero: under C1 and the
     * interpreter a bulk copy from a Java array is a native call, dearer than the command's other header work.
     */
    private void writeCdb(byte[] cdb) {
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < cdb.length; i++) {
            long b = cdb[i] & 0xFFL;
            if (i < 8) {
                lo |= b << (8 * i);
            } else {
                hi |= b << (8 * (i - 8));
            }
        }
        cdbBuffer.set(CDB_WORD, 0, lo);
        cdbBuffer.set(CDB_WORD, 8, hi);
    }

    /** EINVAL on a transfer above one page: remember a smaller limit and split if the command allows. */
    private ScsiResult failed(ScsiRequest request, int errno) throws TransportException {
        long length = request.length();
        if (errno == Errno.EINVAL && length > PAGE) {
            long lower = Long.highestOneBit(length - 1);
            maxTransfer = Math.min(maxTransfer, lower);
            if (request.direction() == DataDirection.IN
                    && TransferSplit.split(request.cdb(), length, lower).isPresent()) {
                return execute(request);
            }
            TransportException e = Errno.ioctl(node, name(request), errno, length);
            throw new TransportException(e.kind(), e.getMessage() + "; odflash now sends at most " + lower
                    + " bytes a command on this path", errno, null);
        }
        throw Errno.ioctl(node, name(request), errno, length);
    }

    private static String name(ScsiRequest request) {
        return String.format("command 0x%02X", request.opcode());
    }

    /** True for an sg character node (sgN, also behind a link such as /dev/cdrom-sg). */
    static boolean sgNode(String node) {
        Path p = Path.of(node);
        try {
            p = p.toRealPath();
        } catch (Exception e) {
            // judged by the name given; the open reports what is wrong with the node
        }
        Path name = p.getFileName();
        return name != null && name.toString().matches("sg[0-9]+");
    }

    static String group(String node) {
        try {
            return ((GroupPrincipal) Files.getAttribute(Path.of(node), "posix:group")).getName();
        } catch (Exception e) {
            return "";
        }
    }

    @Override
    public long maxTransferLength() {
        owner.check();
        return maxTransfer;
    }

    /** SG_IO takes any alignment; page alignment (what {@link #allocate} gives) lets the kernel map pages directly. */
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
        owner.check();
        if (fd >= 0) {
            io.close(fd);
            fd = -1;
        }
        if (scratchArena != null) {
            scratchArena.close();
            scratchArena = null;
            hdr = null;
            template = null;
            shapeCmdLen = -1;
            cdbBuffer = null;
            senseBuffer = null;
            errnoState = null;
            senseDirty = SENSE_LENGTH;
        }
    }
}
