package dev.odflash.gui.model;

import java.util.concurrent.Executor;

/**
 * Where a view-model runs engine work ({@code worker}: never the event thread) and where it tells its
 * listeners ({@code ui}: the Swing event thread in the application, the calling thread in tests).
 */
public record Threads(Executor worker, Executor ui) {
    /** Everything on the caller's thread, in order: view-model tests see each step finish before the next. */
    public static Threads inline() {
        return new Threads(Runnable::run, Runnable::run);
    }
}
