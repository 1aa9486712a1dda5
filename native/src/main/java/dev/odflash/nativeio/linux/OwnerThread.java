package dev.odflash.nativeio.linux;

/**
 * The one thread an object is confined to: the thread that created it. A use from any other thread
 * fails at once with an {@link IllegalStateException} naming both threads, instead of racing on the
 * object's descriptor and limits (docs/architecture.md, "Layers and who may depend on whom": a drive is
 * opened, used and closed by one command on one thread).
 */
final class OwnerThread {
    private final Thread owner = Thread.currentThread();
    private final String what;

    OwnerThread(String what) {
        this.what = what;
    }

    /** Throws unless the calling thread is the owner. */
    void check() {
        Thread caller = Thread.currentThread();
        if (caller != owner) {
            throw new IllegalStateException(what + " is confined to the thread that opened it (" + name(owner)
                    + "); it was used from " + name(caller) + ": open the drive on the thread that uses it");
        }
    }

    private static String name(Thread t) {
        return t.getName().isEmpty() ? "thread #" + t.threadId() : "thread '" + t.getName() + "'";
    }
}
