package dev.odflash.nativeio.linux;

import dev.odflash.transport.DataDirection;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;

import static dev.odflash.nativeio.linux.KernelCheck.figure;
import static dev.odflash.nativeio.linux.KernelCheck.median;
import static dev.odflash.nativeio.linux.KernelCheck.open;
import static dev.odflash.nativeio.linux.KernelCheck.pairRatio;
import static dev.odflash.nativeio.linux.KernelCheck.turRound;
import static dev.odflash.nativeio.linux.KernelCheck.warmUp;

/** KernelCheck's {@code gadget-bench} mode (issue 16 §3): the transport against sg3-utils through the USB gadget. */
final class GadgetBench {
    private GadgetBench() {
    }

    /**
     * The transport against sg3-utils on an emulated drive behind the USB gadget (issue 16 §3; scripts/kernel-test-bench.sh
     * bench_gadget), where each command crosses usb-storage, dummy_hcd and FunctionFS to the JVM serving the drive:
     * TEST UNIT READY x{@code turs} against {@code sg_turs -n TURS -t}, and {@code reads} READ BUFFERs of {@code length}
     * bytes at {@code offset} (mode 6, buffer 0: {@code 3C 06 00 [offset BE24] [length BE24] 00}, the 10-byte CDB the
     * MT19xx family sends, core's Cdbs.buffer10, which core does not export to this module) against as many runs of
     * {@code sg_raw -r LENGTH -o /dev/null NODE} with that CDB. Not sg_read_buffer: the one in sg3-utils 1.46 (Debian 12)
     * sets its length to 0 after reading its options ({@code rb_len = 0;} in src/sg_read_buffer.c) and sends
     * {@code 3C 06 00 oo oo oo 00 00 00 00} whatever {@code -l} says. sg_raw sends one command a run and times
     * nothing, so its runs are timed from here, and as many runs of {@code sg_raw -h} (start, usage, exit: no device)
     * next to them: "net" takes that launch cost off. Warm-ups as in {@link KernelCheck#bench}, capped at {@code warmups + 5}
     * (C1 settles in a few rounds; a round here costs a second); then {@code reps} repetitions, odflash's run
     * followed at once by the sg3-utils one.
     */
    static void run(String node, int turs, int offset, int length, int reads, int warmups, int reps)
            throws Exception {
        String[] sgTurs = {"sg_turs", "-n", String.valueOf(turs), "-t", node};
        byte[] cdb = {0x3C, 0x06, 0, (byte) (offset >>> 16), (byte) (offset >>> 8), (byte) offset, (byte) (length >>> 16),
            (byte) (length >>> 8), (byte) length, 0};
        java.util.List<String> raw = new java.util.ArrayList<>(java.util.List.of("sg_raw", "-r", String.valueOf(length), "-o"));
        raw.add("/dev/null");
        raw.add(node);
        for (byte b : cdb) {
            raw.add(String.format("%02x", b));
        }
        String[] sgRaw = raw.toArray(String[]::new);
        String[] launchOnly = {"sg_raw", "-h"};
        int limit = warmups + 5;
        try (LinuxDrive d = open(node); Arena arena = Arena.ofConfined()) {
            MemorySegment buf = d.scsi().allocate(arena, length);
            java.util.concurrent.Callable<Long> readRound = () -> {
                long inIoctl = 0;
                for (int i = 0; i < reads; i++) {
                    ScsiResult r = d.scsi().execute(new ScsiRequest(cdb, DataDirection.IN, buf, Duration.ofSeconds(60)));
                    if (!r.isGood() || r.residual() != 0) {
                        throw new IllegalStateException("READ BUFFER " + HexFormat.of().formatHex(cdb) + ": " + r.describe());
                    }
                    inIoctl += r.duration().toNanos();
                }
                return inIoctl;
            };
            ScsiResult tur = d.scsi().execute(ScsiRequest.noData(new byte[6]));
            readRound.call();
            byte[] ours = buf.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE);
            Path file = java.nio.file.Files.createTempFile("gadget-bench", ".bin"); // sg_raw writes its data to a file
            raw.set(4, file.toString());
            timedRuns(raw.toArray(String[]::new), 1);
            byte[] theirs = java.nio.file.Files.readAllBytes(file);
            java.nio.file.Files.delete(file);
            System.out.printf("BENCH-GADGET %s tur=%s read_buffer_cdb=%s same_data_as_sg_raw=%b%n", node,
                    tur.describe().replace('\n', ' '), HexFormat.of().formatHex(cdb), java.util.Arrays.equals(ours, theirs));

            double[] turUs = new double[reps];
            double[] turIn = new double[reps];
            double[] theirTur = new double[reps];
            int turWarmups = warmUp(warmups, limit, () -> turRound(d, turs));
            for (int i = 0; i < warmups; i++) {
                figure(sgTurs, "commands was ", " secs");
            }
            for (int r = 0; r < reps; r++) {
                long start = System.nanoTime();
                long inIoctl = turRound(d, turs);
                turUs[r] = (System.nanoTime() - start) / 1e3 / turs;
                turIn[r] = inIoctl / 1e3 / turs;
                theirTur[r] = figure(sgTurs, "commands was ", " secs") * 1e6 / turs;
                System.out.printf("BENCH-GADGET-TUR %s rep=%d n=%d us_per_cmd=%.1f in_ioctl_us=%.1f sg_turs_us_per_cmd=%.1f%n",
                        node, r + 1, turs, turUs[r], turIn[r], theirTur[r]);
            }

            double bytes = (double) reads * length;
            double[] mbps = new double[reps];
            double[] readIn = new double[reps];
            double[] theirGross = new double[reps];
            double[] theirNet = new double[reps];
            double[] launchMs = new double[reps];
            int readWarmups = warmUp(warmups, limit, readRound);
            for (int i = 0; i < warmups; i++) {
                timedRuns(sgRaw, reads);
                timedRuns(launchOnly, reads);
            }
            for (int r = 0; r < reps; r++) {
                long start = System.nanoTime();
                long inIoctl = readRound.call();
                double secs = (System.nanoTime() - start) / 1e9;
                mbps[r] = bytes / secs / 1e6;
                readIn[r] = inIoctl / 1e3 / reads;
                double gross = timedRuns(sgRaw, reads);
                double launch = timedRuns(launchOnly, reads);
                theirGross[r] = bytes / gross / 1e6;
                theirNet[r] = gross > launch ? bytes / (gross - launch) / 1e6 : Double.NaN;
                launchMs[r] = launch * 1e3 / reads;
                System.out.printf("BENCH-GADGET-READ %s rep=%d n=%d MBps=%.2f in_ioctl_us=%.0f sg_raw_MBps=%.2f"
                        + " net_MBps=%.2f launch_ms=%.1f%n", node, r + 1, reads, mbps[r], readIn[r], theirGross[r],
                        theirNet[r], launchMs[r]);
            }
            System.out.printf("BENCH-GADGET-MEDIAN %s reps=%d warmups=%d/%d turs=%d tur_us_per_cmd=%.1f tur_in_ioctl_us=%.1f"
                    + " sg_turs_us_per_cmd=%.1f tur_ratio=%.2f tur_pair_ratio=%.2f reads=%d read_MBps=%.2f"
                    + " read_in_ioctl_us=%.0f sg_raw_MBps=%.2f sg_raw_net_MBps=%.2f launch_ms=%.1f"
                    + " read_ratio=%.2f read_net_ratio=%.2f read_pair_ratio=%.2f read_net_pair_ratio=%.2f%n", node, reps,
                    turWarmups, readWarmups, turs, median(turUs), median(turIn), median(theirTur),
                    median(turUs) / median(theirTur), pairRatio(turUs, theirTur), reads, median(mbps), median(readIn),
                    median(theirGross), median(theirNet), median(launchMs), median(mbps) / median(theirGross),
                    median(mbps) / median(theirNet), pairRatio(mbps, theirGross), pairRatio(mbps, theirNet));
        }
    }

    /** Runs {@code command} {@code n} times one after the other, output discarded; returns the seconds it took. */
    private static double timedRuns(String[] command, int n) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            int rc = p.waitFor();
            if (rc != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + rc);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
