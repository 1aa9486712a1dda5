package dev.odflash.nativeio.linux;

import dev.odflash.transport.DataDirection;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Arrays;

/**
 * Host-side benchmark main (scripts/bench-sg-overhead.sh): what SgTransport costs a command outside the
 * kernel, over a LinuxIo whose SG_IO returns at once with the header as the kernel leaves it for a good
 * command (fill cleared the reply fields). Prints nanoseconds a command, medians of REPS rounds of N
 * commands, for the two shapes the guest benchmark times: TEST UNIT READY and READ(10) of 64 KiB into a
 * page-aligned buffer; and the C library downcall itself (Libc.ioctl of SG_GET_VERSION_NUM on /dev/null:
 * FFM transitions, errno capture and a syscall the kernel refuses at once with ENOTTY). Figures only: run
 * it under the launcher's JIT setting and under the JVM default.
 */
public final class SgOverheadBench {
    private SgOverheadBench() {
    }

    /** The kernel's part taken away: every SG_IO succeeds at once, nothing is copied. */
    private static final class InstantKernel implements LinuxIo {
        private static final Outcome OK = new Outcome(0, 0);

        @Override
        public Outcome open(String path, int flags) {
            return new Outcome(3, 0);
        }

        @Override
        public Outcome ioctl(int fd, long request, MemorySegment argument) {
            return OK;
        }

        @Override
        public Outcome flock(int fd, int operation) {
            return OK;
        }

        @Override
        public void close(int fd) {
        }
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 21;
        int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        try (SgTransport t = SgTransport.open("/dev/sg-bench", new InstantKernel(), 1 << 20);
             Arena arena = Arena.ofConfined()) {
            MemorySegment buf = t.allocate(arena, 64 * 1024);
            double[] tur = new double[reps];
            double[] read = new double[reps];
            double[] downcall = new double[reps];
            LinuxIo.Outcome devNull = Libc.get().open("/dev/null", LinuxIo.O_RDONLY | LinuxIo.O_CLOEXEC);
            if (devNull.failed()) {
                throw new IllegalStateException("/dev/null: errno " + devNull.errno());
            }
            MemorySegment arg = arena.allocate(4);
            for (int i = 0; i < warmups; i++) {
                turRound(t, n);
                readRound(t, buf, n);
                downcallRound(devNull.rc(), arg, n);
            }
            for (int r = 0; r < reps; r++) {
                tur[r] = turRound(t, n);
                read[r] = readRound(t, buf, n);
                downcall[r] = downcallRound(devNull.rc(), arg, n);
            }
            Libc.get().close(devNull.rc());
            System.out.printf("SG-OVERHEAD n=%d reps=%d warmups=%d tur_ns_per_cmd=%.0f read64k_ns_per_cmd=%.0f"
                    + " libc_ioctl_enotty_ns=%.0f%n", n, reps, warmups, median(tur), median(read), median(downcall));
        }
    }

    private static double turRound(SgTransport t, int n) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ScsiResult r = t.execute(ScsiRequest.noData(new byte[6]));
            if (!r.isGood()) {
                throw new IllegalStateException(r.describe());
            }
        }
        return (System.nanoTime() - start) / (double) n;
    }

    private static double readRound(SgTransport t, MemorySegment buf, int n) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int lba = i * 32;
            byte[] cdb = {0x28, 0, (byte) (lba >>> 24), (byte) (lba >>> 16), (byte) (lba >>> 8), (byte) lba, 0, 0, 32, 0};
            ScsiResult r = t.execute(new ScsiRequest(cdb, DataDirection.IN, buf, Duration.ofSeconds(30)));
            if (!r.isGood() || r.residual() != 0) {
                throw new IllegalStateException(r.describe());
            }
        }
        return (System.nanoTime() - start) / (double) n;
    }

    private static double downcallRound(int fd, MemorySegment arg, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            LinuxIo.Outcome o = Libc.get().ioctl(fd, SgTransport.SG_GET_VERSION_NUM, arg);
            if (o.errno() != Errno.ENOTTY) {
                throw new IllegalStateException("expected ENOTTY, got rc " + o.rc() + " errno " + o.errno());
            }
        }
        return (System.nanoTime() - start) / (double) n;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
