package dev.odflash.gui.model;

import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which drive is doing what in this window: one job per drive at a time (a second backup or a flash of a
 * busy drive is refused at once, with what it is doing), any number of drives at once, and at most one
 * external programmer, because libflashrom allows one programmer session per process (docs/architecture.md,
 * "One programmer per process": the native layer refuses a second {@code flashrom:} device as "already
 * opened"; this says so before anything is opened, in the GUI's words). The drive's own
 * lock (the flock on its sg node, native SgNodeLock) still guards against other processes; this only keeps
 * the window from queueing work behind a lock it holds itself.
 */
public final class DriveJobs {
    /** The device spec prefix of an external programmer (cli DeviceResolver). */
    static final String PROGRAMMER = "flashrom:";

    private final Map<String, String> running = new HashMap<>();

    /** Claims {@code spec} for {@code operation}, or throws the refusal that says why it cannot start. */
    public synchronized void claim(String spec, String operation) throws OdflashException {
        String now = running.get(spec);
        if (now != null) {
            throw OdflashException.refused(Gate.DRIVE_IN_USE, "this drive is busy with a " + now
                    + "; wait until it ends (other drives are not held up)");
        }
        if (programmer(spec)) {
            Optional<String> other = running.keySet().stream().filter(DriveJobs::programmer).findFirst();
            if (other.isPresent()) {
                throw OdflashException.refused(Gate.DRIVE_IN_USE, "an external programmer is already in use ("
                        + running.get(other.get()) + "); the flashrom library drives only one programmer at a time,"
                        + " so this one waits until that job ends");
            }
        }
        running.put(spec, operation);
    }

    public synchronized void release(String spec) {
        running.remove(spec);
    }

    public synchronized Optional<String> running(String spec) {
        return Optional.ofNullable(running.get(spec));
    }

    public synchronized boolean any() {
        return !running.isEmpty();
    }

    static boolean programmer(String spec) {
        return spec.startsWith(PROGRAMMER);
    }
}
