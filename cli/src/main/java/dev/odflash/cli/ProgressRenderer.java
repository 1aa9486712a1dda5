package dev.odflash.cli;

import dev.odflash.protocol.Progress;
import dev.odflash.protocol.Progress.Event;
import dev.odflash.protocol.Progress.Unit;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Renders progress on stderr: a bar with rate and ETA on a terminal, a plain line for every 10 % when
 * stderr is a pipe or file (so logs stay readable), nothing with --quiet. Core reports typed events;
 * the words of each phase are this class's ({@link #label}). The rate and ETA are the drive's: measured
 * on the device's clock (an emulated drive's simulated time), never the host's speed at copying bytes.
 * Before the first write or burn a run is told not to cut the drive's power.
 */
public final class ProgressRenderer implements Progress {
    static final String KEEP_POWER = "do not power off or unplug the drive until odflash has finished";
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final boolean terminal;
    private final boolean quiet;
    private final Supplier<Duration> deviceTime;
    private String phase = "";
    private Duration phaseStart = Duration.ZERO;
    private int lastDecile = -1;
    private long lastDraw;
    private boolean writing;

    ProgressRenderer(PrintStream err, boolean terminal, boolean quiet) {
        this(err, terminal, quiet, wallClock());
    }

    /** @param deviceTime the drive's elapsed time (its {@code DeviceClock}): what rate and ETA are measured on */
    ProgressRenderer(PrintStream err, boolean terminal, boolean quiet, Supplier<Duration> deviceTime) {
        this.err = err;
        this.terminal = terminal;
        this.quiet = quiet;
        this.deviceTime = deviceTime;
    }

    private static Supplier<Duration> wallClock() {
        long start = System.nanoTime();
        return () -> Duration.ofNanos(System.nanoTime() - start);
    }

    /** A phase as the user reads it: "read pass 1/2", "write (round 2)", "wait: drive burning, seconds". */
    static String label(Event e) {
        return switch (e.phase()) {
            case READ -> "read pass " + e.pass() + (e.pass() <= 2 ? "/2" : " (passes disagreed)");
            case WRITE -> e.pass() <= 1 ? "write" : "write (round " + e.pass() + ")";
            case VERIFY -> "verify";
            case DOWNLOAD -> "download";
            case BURN_WAIT -> "wait: drive burning, seconds";
        };
    }

    @Override
    public void update(Event event) {
        String newPhase = label(event);
        long done = event.done();
        long total = event.total();
        if (quiet) {
            return;
        }
        boolean writes = event.phase() == Phase.WRITE || event.phase() == Phase.DOWNLOAD || event.phase() == Phase.BURN_WAIT;
        if (writes && !writing) {
            err.println(KEEP_POWER); // once as the writing starts, on its own line (a finished bar ended its line)
        }
        writing = writes;
        if (total <= 0) {
            return;
        }
        long now = System.nanoTime();
        if (!newPhase.equals(phase)) {
            phase = newPhase;
            phaseStart = deviceTime.get();
            lastDecile = -1;
        }
        int percent = (int) (done * 100 / total);
        if (event.unit() == Unit.SECONDS) { // a wait counts seconds, not bytes
            if (terminal || percent / 10 != lastDecile) {
                lastDecile = percent / 10;
                err.printf(terminal ? "\r%s: %d of %d   %s" : "%s: %d of %d%s", newPhase, done, total,
                        done >= total || !terminal ? "\n" : "");
            }
            return;
        }
        if (terminal) {
            if (done < total && now - lastDraw < 50_000_000L) {
                return; // at most 20 redraws a second
            }
            lastDraw = now;
            double seconds = deviceTime.get().minus(phaseStart).toNanos() / 1e9;
            double rate = seconds > 0 ? done / seconds : 0;
            String eta = rate > 0 && done < total ? String.format(" ETA %ds", Math.round((total - done) / rate)) : "";
            int filled = (int) (WIDTH * done / total);
            err.printf("\r%-22s [%s%s] %3d%% %s/s%s   ", phase, "#".repeat(filled), " ".repeat(WIDTH - filled),
                    percent, Sizes.human(Math.round(rate)), eta);
            if (done >= total) {
                err.println();
            }
        } else {
            // events come per transfer (a 512 KiB read in 64 KiB steps is 12.5 % a step), so one step may cross
            // two deciles: each gets its line, with the bytes at that mark, so a log shows every 10 %
            int decile = percent / 10;
            for (int d = lastDecile + 1; d <= decile; d++) {
                err.printf("%s: %d%% (%s of %s)%n", phase, d * 10, Sizes.human(d == decile ? done : total * d / 10),
                        Sizes.human(total));
            }
            lastDecile = Math.max(lastDecile, decile);
        }
    }
}
