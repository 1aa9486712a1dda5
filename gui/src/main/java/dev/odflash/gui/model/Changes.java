package dev.odflash.gui.model;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A view-model's change listeners: a view repaints from the model's getters when told. */
public final class Changes {
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void listen(Runnable listener) {
        listeners.add(listener);
    }

    void fire() {
        listeners.forEach(Runnable::run);
    }
}
