package dev.odflash.cli;

import dev.odflash.protocol.Progress;
import dev.odflash.protocol.Progress.Event;
import dev.odflash.protocol.Progress.Unit;

import java.io.PrintStream;

/**
 * Renders progress on stderr: a bar with rate and ETA on a terminal, a plain line per 10 % when
 * stderr is a pipe or file (so logs stay readable), nothing with --quiet. Core reports typed events;
 * the words of each phase are this class's ({@link #label}).
 */
public final class ProgressRenderer implements Progress {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final boolean terminal;
    private final boolean quiet;
    private String phase = "";
    private long phaseStart;
    private int lastDecile = -1;
    private long lastDraw;

    ProgressRenderer(PrintStream err, boolean terminal, boolean quiet) {
        this.err = err;
        this.terminal = terminal;
        this.quiet = quiet;
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
        if (quiet || total <= 0) {
            return;
        }
        long now = System.nanoTime();
        if (!newPhase.equals(phase)) {
            phase = newPhase;
            phaseStart = now;
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
            double seconds = (now - phaseStart) / 1e9;
            double rate = seconds > 0 ? done / seconds : 0;
            String eta = rate > 0 && done < total ? String.format(" ETA %ds", Math.round((total - done) / rate)) : "";
            int filled = (int) (WIDTH * done / total);
            err.printf("\r%-22s [%s%s] %3d%% %s/s%s   ", phase, "#".repeat(filled), " ".repeat(WIDTH - filled),
                    percent, Sizes.human(Math.round(rate)), eta);
            if (done >= total) {
                err.println();
            }
        } else {
            int decile = percent / 10;
            if (decile != lastDecile) {
                lastDecile = decile;
                err.printf("%s: %d%% (%s of %s)%n", phase, decile * 10, Sizes.human(done), Sizes.human(total));
            }
        }
    }
}
