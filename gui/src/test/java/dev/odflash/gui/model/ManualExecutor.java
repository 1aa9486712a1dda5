package dev.odflash.gui.model;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** A worker that runs what it was given only when the test says so: the test acts while "the flash runs". */
final class ManualExecutor implements Executor {
    private final Queue<Runnable> queue = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
        queue.add(task);
    }

    int pending() {
        return queue.size();
    }

    void runAll() {
        while (!queue.isEmpty()) {
            queue.poll().run();
        }
    }
}
