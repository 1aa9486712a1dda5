package dev.odflash.emulator.download;

/**
 * A burn the drive runs after the command that started it has answered (BTC after mode 7, BT; MT1959
 * after the last STREAM chunk, FM). It advances with the drive clock: each time a command arrives the
 * chip commands whose start lies before that moment have run; the drive restarts {@code restartNanos}
 * after the last one (modelled). Until then TEST UNIT READY answers LONG WRITE IN PROGRESS.
 */
final class BackgroundBurn {
    private final BurnJob job;
    private final long start;
    private final long restartNanos;

    BackgroundBurn(BurnJob job, long start, long restartNanos) {
        this.job = job;
        this.start = start;
        this.restartNanos = restartNanos;
    }

    /** Runs what has started by {@code now}; true when the burn is done and the restart is due. */
    boolean advanceTo(long now) {
        job.runFor(now - start);
        return job.done() && now >= start + job.elapsedNanos() + restartNanos;
    }

    /** The host let go: the drive keeps its power and finishes. */
    void finish() {
        job.runAll();
    }
}
