package dev.odflash.nativeio.linux;

import dev.odflash.nativeio.ChildClassPath;
import dev.odflash.transport.DataDirection;
import dev.odflash.transport.ExclusiveUse;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.TransportException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Test-only main for scripts/kernel-test.sh, run inside the QEMU guest against real SG_IO. The CLI has
 * no raw-CDB command on purpose (docs/architecture.md), so the raw INQUIRY, TEST UNIT READY, the
 * unsupported READ BUFFER and the benchmark go through the transport here. Prints one line a result
 * for the script to compare with sg3-utils:
 * <pre>
 *   checks NODE...  INQUIRY/TUR/READBUFFER/EXCL lines per node
 *   bench NODE BLOCKS WARMUPS REPS  READ(10) throughput and TEST UNIT READY x1000, medians of REPS
 *   gadget-bench NODE TURS OFFSET LENGTH READS WARMUPS REPS  on an emulated drive behind the USB gadget:
 *                TEST UNIT READY xTURS against sg_turs, READ BUFFER mode 6 against sg_raw
 * </pre>
 */
public final class KernelCheck {
    private KernelCheck() {
    }

    /** ioctl with errno capture in a static final field: a constant handle the JIT may inline through (parts). */
    private static final java.lang.invoke.MethodHandle IOCTL_CONSTANT = java.lang.foreign.Linker.nativeLinker().downcallHandle(
            java.lang.foreign.Linker.nativeLinker().defaultLookup().find("ioctl").orElseThrow(),
            java.lang.foreign.FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                    ValueLayout.ADDRESS), java.lang.foreign.Linker.Option.firstVariadicArg(2),
            java.lang.foreign.Linker.Option.captureCallState("errno"));

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "checks" -> {
                for (int i = 1; i < args.length; i++) {
                    checks(args[i]);
                }
            }
            case "bench" -> bench(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "gadget-bench" -> GadgetBench.run(args[1], Integer.parseInt(args[2]), Integer.decode(args[3]),
                    Integer.decode(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]), Integer.parseInt(args[7]));
            case "parts" -> parts(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "take" -> {
                try (LinuxDrive ignored = open(args[2])) {
                    System.out.println("acquired");
                } catch (TransportException e) {
                    System.out.println(e.getMessage());
                }
            }
            default -> throw new IllegalArgumentException("usage: checks NODE... | bench NODE BLOCKS WARMUPS REPS"
                    + " | gadget-bench NODE TURS OFFSET LENGTH READS WARMUPS REPS | parts NODE N REPS");
        }
    }

    static LinuxDrive open(String node) throws TransportException {
        return LinuxDrive.open(node, Path.of("/sys"));
    }

    static void checks(String node) throws Exception {
        try (LinuxDrive d = open(node); Arena arena = Arena.ofConfined()) {
            MemorySegment buf = d.scsi().allocate(arena, 36);
            ScsiResult inq = d.scsi().execute(ScsiRequest.in(new byte[]{0x12, 0, 0, 0, 36, 0}, buf));
            System.out.println("INQUIRY " + node + " status=" + hex(inq.status()) + " aligned=" + (buf.address() % 4096 == 0)
                    + " hex=" + HexFormat.of().formatHex(buf.asSlice(0, 36 - inq.residual()).toArray(ValueLayout.JAVA_BYTE)));
            ScsiResult tur = d.scsi().execute(ScsiRequest.noData(new byte[6]));
            System.out.println("TUR " + node + " status=" + hex(tur.status()) + " sense="
                    + tur.sense().map(s -> String.format("%X/%02X/%02X", s.key(), s.asc(), s.ascq())).orElse("none"));
            // READ BUFFER mode 3 (descriptor), 4 bytes in: harmless; QEMU's ATAPI drive does not support it
            // (docs/testing.md: 5/20/00); docs/architecture.md allows it for this check
            ScsiResult rb = d.scsi().execute(ScsiRequest.in(new byte[]{0x3C, 0x03, 0, 0, 0, 0, 0, 0, 4, 0},
                    d.scsi().allocate(arena, 4)));
            String verdict = rb.sense().filter(s -> s.key() == 5 && s.asc() == 0x20)
                    .map(s -> "not supported by this drive").orElse(rb.isGood() ? "supported" : "other");
            System.out.println("READBUFFER " + node + " status=" + hex(rb.status()) + " sense="
                    + rb.sense().map(s -> String.format("%X/%02X/%02X", s.key(), s.asc(), s.ascq())).orElse("none")
                    + " verdict=" + verdict + " text=" + rb.describe());
            exclusive(d, node);
        } catch (TransportException e) {
            System.out.println("ERROR " + node + " kind=" + e.kind() + " " + e.getMessage());
        }
        // a 6-byte CDB with a group-7 opcode never reaches an ATAPI device: libata answers DID_ERROR
        try (LinuxDrive d = open(node)) {
            ScsiResult r = d.scsi().execute(ScsiRequest.noData(new byte[]{(byte) 0xFF, 0, 0, 0, 0, 0}));
            System.out.println("GROUP7 " + node + " result " + r.describe());
        } catch (TransportException e) {
            System.out.println("GROUP7 " + node + " kind=" + e.kind() + " " + e.getMessage().replace('\n', ' '));
        }
    }

    /** Exclusive use: a second opener of the drive gets "in use by PID n", and a plain O_EXCL open gets EBUSY. */
    private static void exclusive(LinuxDrive d, String node) throws TransportException {
        try (ExclusiveUse use = d.acquireExclusive()) {
            String second;
            try (LinuxDrive ignored = open(node)) {
                second = "acquired";
            } catch (TransportException e) {
                second = e.getMessage();
            }
            LinuxIo.Outcome o = Libc.get().open(node, LinuxIo.O_RDWR | LinuxIo.O_NONBLOCK | LinuxIo.O_EXCL);
            if (!o.failed()) {
                Libc.get().close(o.rc());
            }
            System.out.println("EXCL " + node + " held=" + use.describe() + " second=" + second
                    + " oexcl=" + (o.failed() ? Errno.name(o.errno()) : "opened")
                    + " otherprocess=" + otherProcess(d.pathKey(), node) + " sg_turs=" + run("sg_turs", node));
        }
        ScsiResult after = d.scsi().execute(ScsiRequest.noData(new byte[6]));
        System.out.println("EXCL-RELEASED " + node + " tur=" + hex(after.status()));
    }

    /** A second JVM (as a second odflash would be) trying the same lock through this class's "take" mode. */
    private static String otherProcess(String key, String node) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        if (!node.startsWith("/dev/sg")) {
            return "not-tried";
        }
        return run(java, "-Xint", "-XX:+UseSerialGC", "-cp", ChildClassPath.get(),
                KernelCheck.class.getName(), "take", key, node).strip();
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int rc = p.waitFor();
            return command[0].endsWith("java") ? out.replace('\n', ' ') : String.valueOf(rc);
        } catch (Exception e) {
            return "error " + e;
        }
    }

    /**
     * READ(10) of {@code blocks} sectors in 64 KiB commands against {@code sg_dd bs=2048 bpt=32}, and TEST
     * UNIT READY x1000 against {@code sg_turs -n 1000 -t}, on the same node. Each side first runs
     * unmeasured: odflash until the JIT is done with the command path (at least {@code warmups} times, then
     * until two runs in a row agree within 10%, at most {@link #WARMUP_LIMIT} times: in a one-CPU TCG guest
     * C2 needs many seconds for the downcall path, and timing the runs it spends compiling measured the
     * compiler), sg3-utils {@code warmups} times. Then {@code reps} repetitions, each an odflash run
     * followed at once by the sg3-utils run, so a slow moment of the host hits both sides alike. Prints
     * every repetition ("in_ioctl": the part of odflash's time inside the SG_IO call, kernel and device),
     * then the medians, their ratios, and the medians of the repetitions' own ratios ("pair": see pairRatio).
     */
    static void bench(String node, int blocks, int warmups, int reps) throws Exception {
        String[] sgDd = {"sg_dd", "if=" + node, "of=/dev/null", "bs=2048", "bpt=32", "count=" + blocks, "time=1"};
        String[] sgTurs = {"sg_turs", "-n", "1000", "-t", node};
        try (LinuxDrive d = open(node); Arena arena = Arena.ofConfined()) {
            MemorySegment buf = d.scsi().allocate(arena, 32 * 2048L);
            double[] mbps = new double[reps];
            double[] theirMbps = new double[reps];
            double[] readIn = new double[reps];
            double[] readOut = new double[reps];
            int commands = (blocks + 31) / 32;
            int readWarmups = warmUp(warmups, () -> readPass(d, buf, blocks, new long[1]));
            for (int i = 0; i < warmups; i++) {
                figure(sgDd, "at ", " MB/sec");
            }
            for (int p = 1; p <= reps; p++) {
                long[] inIoctl = new long[1];
                long start = System.nanoTime();
                long bytes = readPass(d, buf, blocks, inIoctl);
                double secs = (System.nanoTime() - start) / 1e9;
                mbps[p - 1] = bytes / secs / 1e6;
                readIn[p - 1] = inIoctl[0] / 1e3 / commands;
                readOut[p - 1] = (secs * 1e9 - inIoctl[0]) / 1e3 / commands;
                theirMbps[p - 1] = figure(sgDd, "at ", " MB/sec");
                System.out.printf("BENCH-READ %s rep=%d bytes=%d seconds=%.4f in_ioctl=%.4f MBps=%.2f sg_dd_MBps=%.2f%n",
                        node, p, bytes, secs, inIoctl[0] / 1e9, mbps[p - 1], theirMbps[p - 1]);
            }
            double[] tur = new double[reps];
            double[] theirTur = new double[reps];
            double[] turIn = new double[reps];
            int turWarmups = warmUp(warmups, () -> turRound(d, 1000));
            for (int i = 0; i < warmups; i++) {
                figure(sgTurs, "commands was ", " secs");
            }
            for (int round = 1; round <= reps; round++) {
                long start = System.nanoTime();
                long inIoctl = turRound(d, 1000);
                double turSecs = (System.nanoTime() - start) / 1e9;
                tur[round - 1] = turSecs * 1000;
                turIn[round - 1] = inIoctl / 1e6;
                theirTur[round - 1] = figure(sgTurs, "commands was ", " secs") * 1000;
                System.out.printf("BENCH-TUR %s rep=%d n=1000 seconds=%.4f in_ioctl_us=%.1f us_per_cmd=%.1f"
                        + " sg_turs_us_per_cmd=%.1f%n", node, round, turSecs, inIoctl / 1e6, tur[round - 1],
                        theirTur[round - 1]);
            }
            double[] raw = rawPhase(node, blocks, warmups, reps, sgDd, sgTurs);
            System.out.printf("BENCH-RAW-MEDIAN %s reps=%d raw_tur_us_per_cmd=%.1f sg_turs_us_per_cmd=%.1f raw_tur_ratio=%.2f"
                    + " raw_read_MBps=%.2f sg_dd_MBps=%.2f raw_read_ratio=%.2f raw_read_reserve256k_MBps=%.2f"
                    + " raw_tur_pair_ratio=%.2f raw_read_pair_ratio=%.2f%n", node,
                    reps, raw[0], raw[1], raw[0] / raw[1], raw[2], raw[3], raw[2] / raw[3], raw[4], raw[5], raw[6]);
            System.out.printf("BENCH-MEDIAN %s reps=%d warmups=%d/%d read_MBps=%.2f sg_dd_MBps=%.2f read_ratio=%.2f"
                    + " read_in_ioctl_us=%.1f read_outside_us=%.1f tur_us_per_cmd=%.1f sg_turs_us_per_cmd=%.1f"
                    + " tur_ratio=%.2f tur_in_ioctl_us=%.1f read_pair_ratio=%.2f tur_pair_ratio=%.2f%n", node, reps,
                    readWarmups, turWarmups, median(mbps),
                    median(theirMbps), median(mbps) / median(theirMbps), median(readIn), median(readOut), median(tur),
                    median(theirTur), median(tur) / median(theirTur), median(turIn), pairRatio(mbps, theirMbps),
                    pairRatio(tur, theirTur));
        }
    }

    /**
     * The diagnostic floor under SgTransport: the same SG_IO commands through odflash's libc downcall alone,
     * on a descriptor of its own (reserve set to 64 KiB as sg_dd sets bs*bpt), one header filled once a
     * command shape and reused, no ScsiRequest, no result objects, no timing a command. What is left of the
     * gap to sg3-utils here is the JVM and the FFM downcall, not the transport's Java code.
     * Returns medians {raw TUR us/cmd, sg_turs us/cmd, raw READ MB/s, sg_dd MB/s, raw READ MB/s with the
     * transport's 256 KiB reserve}, alternating as bench does.
     */
    private static double[] rawPhase(String node, int blocks, int warmups, int reps, String[] sgDd, String[] sgTurs)
            throws Exception {
        Libc libc = Libc.get();
        LinuxIo.Outcome o = libc.open(node, LinuxIo.O_RDWR | LinuxIo.O_NONBLOCK | LinuxIo.O_CLOEXEC);
        if (o.failed()) {
            throw new IllegalStateException(node + ": open errno " + o.errno());
        }
        int fd = o.rc();
        // a second descriptor with the reserve SgTransport asks for (256 KiB), to see whether its size matters
        LinuxIo.Outcome o2 = libc.open(node, LinuxIo.O_RDWR | LinuxIo.O_NONBLOCK | LinuxIo.O_CLOEXEC);
        if (o2.failed()) {
            libc.close(fd);
            throw new IllegalStateException(node + ": open errno " + o2.errno());
        }
        int fd256 = o2.rc();
        try (Arena arena = Arena.ofConfined()) {
            libc.ioctl(fd, SgTransport.SG_SET_RESERVED_SIZE, arena.allocateFrom(ValueLayout.JAVA_INT, 32 * 2048));
            libc.ioctl(fd256, SgTransport.SG_SET_RESERVED_SIZE, arena.allocateFrom(ValueLayout.JAVA_INT,
                    SgTransport.RESERVE_SIZE));
            MemorySegment turHdr = arena.allocate(SgIoHdr.LAYOUT);
            MemorySegment readHdr = arena.allocate(SgIoHdr.LAYOUT);
            MemorySegment turCdb = arena.allocate(6);
            MemorySegment readCdb = arena.allocate(10);
            MemorySegment sense = arena.allocate(64);
            MemorySegment buf = arena.allocate(32 * 2048L, 4096);
            SgIoHdr.fill(turHdr, SgIoHdr.SG_DXFER_NONE, turCdb, MemorySegment.NULL, sense, 30_000);
            SgIoHdr.fill(readHdr, SgIoHdr.SG_DXFER_FROM_DEV, readCdb, buf, sense, 30_000);
            readCdb.set(ValueLayout.JAVA_BYTE, 0, (byte) 0x28);
            readCdb.set(ValueLayout.JAVA_BYTE, 8, (byte) 32);
            int commands = blocks / 32; // whole 64 KiB commands only: the header is filled once
            java.util.concurrent.Callable<Long> tur = () -> {
                for (int i = 0; i < 1000; i++) {
                    if (libc.ioctl(fd, SgIoHdr.SG_IO, turHdr).failed() || SgIoHdr.reply(turHdr).status() != 0) {
                        throw new IllegalStateException("raw TEST UNIT READY failed");
                    }
                }
                return 0L;
            };
            int[] readFd = {fd};
            java.util.concurrent.Callable<Long> read = () -> {
                for (int c = 0; c < commands; c++) {
                    int lba = c * 32;
                    readCdb.set(ValueLayout.JAVA_BYTE, 2, (byte) (lba >>> 24));
                    readCdb.set(ValueLayout.JAVA_BYTE, 3, (byte) (lba >>> 16));
                    readCdb.set(ValueLayout.JAVA_BYTE, 4, (byte) (lba >>> 8));
                    readCdb.set(ValueLayout.JAVA_BYTE, 5, (byte) lba);
                    if (libc.ioctl(readFd[0], SgIoHdr.SG_IO, readHdr).failed() || SgIoHdr.reply(readHdr).status() != 0) {
                        throw new IllegalStateException("raw READ(10) failed at " + lba);
                    }
                }
                return 0L;
            };
            warmUp(warmups, tur);
            warmUp(warmups, read);
            readFd[0] = fd256;
            warmUp(warmups, read);
            readFd[0] = fd;
            double[] rawTur = new double[reps];
            double[] theirTur = new double[reps];
            double[] rawRead = new double[reps];
            double[] theirRead = new double[reps];
            double[] rawRead256 = new double[reps];
            for (int r = 0; r < reps; r++) {
                long start = System.nanoTime();
                tur.call();
                rawTur[r] = (System.nanoTime() - start) / 1e3 / 1000;
                theirTur[r] = figure(sgTurs, "commands was ", " secs") * 1000;
                start = System.nanoTime();
                read.call();
                rawRead[r] = commands * 32 * 2048.0 / ((System.nanoTime() - start) / 1e9) / 1e6;
                theirRead[r] = figure(sgDd, "at ", " MB/sec");
                readFd[0] = fd256;
                start = System.nanoTime();
                read.call();
                rawRead256[r] = commands * 32 * 2048.0 / ((System.nanoTime() - start) / 1e9) / 1e6;
                readFd[0] = fd;
                System.out.printf("BENCH-RAW %s rep=%d raw_tur_us=%.1f sg_turs_us=%.1f raw_read_MBps=%.2f sg_dd_MBps=%.2f"
                        + " raw_read_reserve256k_MBps=%.2f%n", node, r + 1, rawTur[r], theirTur[r], rawRead[r],
                        theirRead[r], rawRead256[r]);
            }
            return new double[]{median(rawTur), median(theirTur), median(rawRead), median(theirRead), median(rawRead256),
                pairRatio(rawTur, theirTur), pairRatio(rawRead, theirRead)};
        } finally {
            libc.close(fd);
            libc.close(fd256);
        }
    }

    /**
     * Where a command's time goes outside the drive: the price of each piece the SG_IO path is made of,
     * in nanoseconds a call, medians of {@code reps} rounds of {@code n} calls after as many warm-up rounds.
     * No drive is involved except through SG_GET_VERSION_NUM, which the sg driver answers without it. The
     * pieces: System.nanoTime (the transport times every command), an FFM downcall of getpid without errno
     * capture, the same with the critical option (no thread-state transition: the transition's price is
     * the difference), Libc.ioctl of SG_GET_VERSION_NUM (transition, errno capture, a syscall the sg driver
     * answers at once), the same ioctl through a handle without errno capture, and through a handle with
     * capture held in a static final field (a constant the JIT can inline through; Libc's is an instance field).
     */
    static void parts(String node, int n, int reps) throws Exception {
        java.lang.foreign.Linker linker = java.lang.foreign.Linker.nativeLinker();
        java.lang.foreign.SymbolLookup libc = linker.defaultLookup();
        java.lang.invoke.MethodHandle getpid = linker.downcallHandle(libc.find("getpid").orElseThrow(),
                java.lang.foreign.FunctionDescriptor.of(ValueLayout.JAVA_INT));
        java.lang.invoke.MethodHandle getpidCritical = linker.downcallHandle(libc.find("getpid").orElseThrow(),
                java.lang.foreign.FunctionDescriptor.of(ValueLayout.JAVA_INT), java.lang.foreign.Linker.Option.critical(false));
        java.lang.invoke.MethodHandle ioctlPlain = linker.downcallHandle(libc.find("ioctl").orElseThrow(),
                java.lang.foreign.FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                        ValueLayout.ADDRESS), java.lang.foreign.Linker.Option.firstVariadicArg(2));
        Libc c = Libc.get();
        LinuxIo.Outcome o = c.open(node, LinuxIo.O_RDWR | LinuxIo.O_NONBLOCK | LinuxIo.O_CLOEXEC);
        if (o.failed()) {
            throw new IllegalStateException(node + ": open errno " + o.errno());
        }
        int fd = o.rc();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment arg = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment state = c.errnoState(arena);
            long[] sink = new long[1];
            String[] names = {"nanotime", "getpid", "getpid_critical", "ioctl_version_libc", "ioctl_version_nocapture",
                "ioctl_version_constant_handle"};
            java.util.List<java.util.concurrent.Callable<Long>> pieces = java.util.List.of(
                    () -> {
                        long s = 0;
                        for (int i = 0; i < n; i++) {
                            s += System.nanoTime();
                        }
                        return s;
                    },
                    () -> {
                        long s = 0;
                        try {
                            for (int i = 0; i < n; i++) {
                                s += (int) getpid.invokeExact();
                            }
                        } catch (Throwable t) {
                            throw new IllegalStateException(t);
                        }
                        return s;
                    },
                    () -> {
                        long s = 0;
                        try {
                            for (int i = 0; i < n; i++) {
                                s += (int) getpidCritical.invokeExact();
                            }
                        } catch (Throwable t) {
                            throw new IllegalStateException(t);
                        }
                        return s;
                    },
                    () -> {
                        long s = 0;
                        for (int i = 0; i < n; i++) {
                            s += c.ioctl(fd, SgTransport.SG_GET_VERSION_NUM, arg, state).rc();
                        }
                        return s;
                    },
                    () -> {
                        long s = 0;
                        try {
                            for (int i = 0; i < n; i++) {
                                s += (int) ioctlPlain.invokeExact(fd, SgTransport.SG_GET_VERSION_NUM, arg);
                            }
                        } catch (Throwable t) {
                            throw new IllegalStateException(t);
                        }
                        return s;
                    },
                    () -> {
                        long s = 0;
                        try {
                            for (int i = 0; i < n; i++) {
                                s += (int) IOCTL_CONSTANT.invokeExact(state, fd, SgTransport.SG_GET_VERSION_NUM, arg);
                            }
                        } catch (Throwable t) {
                            throw new IllegalStateException(t);
                        }
                        return s;
                    });
            double[][] ns = new double[pieces.size()][reps];
            for (int r = -reps; r < reps; r++) { // the first reps rounds warm up
                for (int k = 0; k < pieces.size(); k++) {
                    long start = System.nanoTime();
                    sink[0] += pieces.get(k).call();
                    double took = (System.nanoTime() - start) / (double) n;
                    if (r >= 0) {
                        ns[k][r] = took;
                    }
                }
            }
            StringBuilder line = new StringBuilder("BENCH-PARTS " + node + " n=" + n + " reps=" + reps);
            for (int k = 0; k < names.length; k++) {
                line.append(' ').append(names[k]).append("_ns=").append(String.format("%.0f", median(ns[k])));
            }
            System.out.println(line.append(" sink=").append(sink[0] & 1));
        } finally {
            c.close(fd);
        }
    }

    /** Runs an sg3-utils command and reads the number between {@code before} and {@code after} in its output. */
    static double figure(String[] command, String before, String after) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        int at = out.indexOf(before);
        int end = at < 0 ? -1 : out.indexOf(after, at + before.length());
        if (end < 0) {
            throw new IllegalStateException(command[0] + " printed no figure: " + out.strip());
        }
        return Double.parseDouble(out.substring(at + before.length(), end).strip());
    }

    static final int WARMUP_LIMIT = 60;

    /**
     * Runs {@code run} at least {@code min} times, then until two runs in a row take within 10% of each
     * other (the JIT has settled: while C2 still compiles in the background, on one CPU, each run is
     * markedly faster than the last); returns how many runs it took.
     */
    // a Callable, not a nested interface: kernel-test.sh packs KernelCheck.class and GadgetBench.class, no nested classes
    private static int warmUp(int min, java.util.concurrent.Callable<Long> run) throws Exception {
        return warmUp(min, WARMUP_LIMIT, run);
    }

    static int warmUp(int min, int limit, java.util.concurrent.Callable<Long> run) throws Exception {
        int n = 0;
        long last = Long.MAX_VALUE;
        long took;
        boolean settled;
        do {
            long start = System.nanoTime();
            run.call();
            took = System.nanoTime() - start;
            settled = Math.abs(took - last) <= last / 10;
            last = took;
            n++;
        } while (n < limit && (n < min || !settled));
        return n;
    }

    /** {@code n} TEST UNIT READY; returns the nanoseconds spent inside SG_IO. */
    static long turRound(LinuxDrive d, int n) throws TransportException {
        long inIoctl = 0;
        for (int i = 0; i < n; i++) {
            ScsiResult r = d.scsi().execute(ScsiRequest.noData(new byte[6]));
            inIoctl += r.duration().toNanos();
        }
        return inIoctl;
    }

    private static long readPass(LinuxDrive d, MemorySegment buf, int blocks, long[] inIoctl) throws TransportException {
        int perCommand = 32; // 64 KiB, sg_dd bs=2048 bpt=32
        long bytes = 0;
        for (int lba = 0; lba < blocks; lba += perCommand) {
            int n = Math.min(perCommand, blocks - lba);
            byte[] cdb = {0x28, 0, (byte) (lba >>> 24), (byte) (lba >>> 16), (byte) (lba >>> 8), (byte) lba, 0,
                (byte) (n >>> 8), (byte) n, 0};
            ScsiResult r = d.scsi().execute(new ScsiRequest(cdb, dev.odflash.transport.DataDirection.IN,
                    buf.asSlice(0, n * 2048L), Duration.ofSeconds(30)));
            if (!r.isGood() || r.residual() != 0) {
                throw new IllegalStateException("READ(10) at " + lba + ": " + r.describe());
            }
            inIoctl[0] += r.duration().toNanos();
            bytes += n * 2048L;
        }
        return bytes;
    }

    /**
     * The median of each repetition's own ratio, odflash's figure over the sg3-utils run right after it: on a
     * host whose load swings from one second to the next (the guest shares two cores with other work) a pair
     * run back to back sees the same load, so this moves less than the ratio of the two medians.
     */
    static double pairRatio(double[] ours, double[] theirs) {
        double[] r = new double[ours.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = ours[i] / theirs[i];
        }
        return median(r);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String hex(int v) {
        return String.format("0x%02X", v);
    }
}
