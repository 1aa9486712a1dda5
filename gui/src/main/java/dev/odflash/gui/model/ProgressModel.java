package dev.odflash.gui.model;

import dev.odflash.protocol.Progress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A flash's or backup's progress as the GUI shows it, built only from the engine's typed events: the phase
 * stepper (backup, erase and program, verify; download and burn for download drives), bytes and an ETA
 * measured on the drive's own clock, and whether the first write has begun (from then on cancelling is
 * no longer offered, and closing the window stays blocked until the end).
 */
public final class ProgressModel {
    /** The stepper's steps, in the words of the screen. */
    public enum Step {
        BACKUP("Backup"), WRITE("Erase and program"), VERIFY("Verify"), DOWNLOAD("Download"), BURN("Burn");

        private final String word;

        Step(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    private final Supplier<Duration> elapsed;
    private final List<Step> seen = new ArrayList<>();
    private Progress.Event last;
    private Duration phaseStart = Duration.ZERO;
    private boolean writeBegun;

    /** @param elapsed the drive's clock (simulated time on an emulated drive), for the ETA */
    public ProgressModel(Supplier<Duration> elapsed) {
        this.elapsed = elapsed;
    }

    /** The step an engine phase belongs to (a read before the write is the backup's; after it, the verify's). */
    public static Step stepOf(Progress.Phase phase, boolean writeBegun) {
        return switch (phase) {
            case READ -> writeBegun ? Step.VERIFY : Step.BACKUP;
            case WRITE -> Step.WRITE;
            case VERIFY -> Step.VERIFY;
            case DOWNLOAD -> Step.DOWNLOAD;
            case BURN_WAIT -> Step.BURN;
        };
    }

    public synchronized void update(Progress.Event e) {
        if (e.phase() == Progress.Phase.WRITE || e.phase() == Progress.Phase.DOWNLOAD) {
            writeBegun = true;
        }
        Step step = stepOf(e.phase(), writeBegun);
        if (seen.isEmpty() || seen.getLast() != step) {
            seen.remove(step);
            seen.add(step);
            phaseStart = elapsed.get();
        }
        if (last == null || last.phase() != e.phase() || last.pass() != e.pass()) {
            phaseStart = elapsed.get();
        }
        last = e;
    }

    public synchronized Optional<Step> step() {
        return seen.isEmpty() ? Optional.empty() : Optional.of(seen.getLast());
    }

    /** Steps already begun, in order (the stepper ticks them). */
    public synchronized List<Step> steps() {
        return List.copyOf(seen);
    }

    public synchronized boolean writeBegun() {
        return writeBegun;
    }

    public synchronized long done() {
        return last == null ? 0 : last.done();
    }

    public synchronized long total() {
        return last == null ? 0 : last.total();
    }

    public synchronized Optional<Progress.Unit> unit() {
        return last == null ? Optional.empty() : Optional.of(last.unit());
    }

    public synchronized int percent() {
        return last == null || last.total() <= 0 ? 0 : (int) Math.min(100, last.done() * 100 / last.total());
    }

    /** Time left in this phase at the rate so far; empty until there is a rate. */
    public synchronized Optional<Duration> eta() {
        if (last == null || last.done() <= 0 || last.total() <= 0) {
            return Optional.empty();
        }
        long spent = elapsed.get().minus(phaseStart).toNanos();
        if (spent <= 0) {
            return Optional.empty();
        }
        double left = (double) (last.total() - last.done()) / last.done() * spent;
        return Optional.of(Duration.ofNanos((long) left));
    }

    /** "Erase and program: 96 KiB of 512 KiB, about 3 s left". */
    public synchronized String text() {
        if (last == null) {
            return "Starting";
        }
        String amount = last.unit() == Progress.Unit.BYTES ? Sizes.human(last.done()) + " of " + Sizes.human(last.total())
                : last.done() + " of " + last.total() + " s";
        return step().orElseThrow().word() + (last.pass() > 1 ? " (pass " + last.pass() + ")" : "") + ": " + amount
                + eta().map(d -> ", about " + Math.max(1, (d.toMillis() + 999) / 1000) + " s left").orElse("");
    }
}
