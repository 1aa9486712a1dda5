package dev.odflash.gui.model;

import dev.odflash.gui.GuiHost;
import dev.odflash.ops.BackupOperation;
import dev.odflash.ops.Capabilities;
import dev.odflash.ops.Capability;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;
import dev.odflash.transport.Device;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Backup screen and the drive cards' progress: the whole flash read twice into the library, with
 * progress and ETA from the events, per drive: several drives back up at once, each with its own progress
 * and outcome; a drive already busy (here or in the wizard, through {@link DriveJobs}) is refused at once.
 */
public final class BackupModel {
    private static final ProgressModel IDLE = new ProgressModel(() -> Duration.ZERO);

    private final GuiHost host;
    private final Threads threads;
    private final OperationLog log;
    private final DriveJobs jobs;
    private final Changes changes = new Changes();
    /** Written by the workers (a new model per run), read by the screen. */
    private final Map<String, ProgressModel> progress = new ConcurrentHashMap<>();
    /** The rest only on the UI thread. */
    private final Set<String> running = new HashSet<>();
    private final Map<String, Outcome> outcomes = new HashMap<>();
    private Optional<Outcome> last = Optional.empty();

    public BackupModel(GuiHost host, Threads threads, OperationLog log) {
        this(host, threads, log, new DriveJobs());
    }

    public BackupModel(GuiHost host, Threads threads, OperationLog log, DriveJobs jobs) {
        this.host = host;
        this.threads = threads;
        this.log = log;
        this.jobs = jobs;
    }

    public Changes changes() {
        return changes;
    }

    public void backUp(String spec) {
        if (running.contains(spec)) {
            return;
        }
        running.add(spec);
        outcomes.remove(spec);
        progress.put(spec, IDLE);
        changes.fire();
        Jobs.run(threads, log, "backup", () -> {
            jobs.claim(spec, "backup");
            try (Device d = host.open(spec)) {
                ProgressModel p = new ProgressModel(d.clock()::elapsed);
                progress.put(spec, p);
                DriveInfo info = host.probe().probe(d);
                Capability backup = Capabilities.of(info, d).getFirst();
                if (!backup.available()) {
                    info.requireVendorMode();
                    throw OdflashException.refused(Gate.READ_PATH, "cannot back up " + info.inquiry().identity() + ": "
                            + backup.how());
                }
                return new BackupOperation(host.library(), host.clock()).run(d, info, Optional.empty(), event -> {
                    p.update(event);
                    threads.ui().execute(changes::fire);
                });
            } finally {
                jobs.release(spec);
            }
        }, r -> end(spec, new Outcome.Succeeded("backup", r.alreadyInLibrary() ? "Already in the library"
                : "Backup written and verified (" + r.read().passes() + " reads agree)",
                Texts.line(r.file().toString()) + "\nsha256 " + r.read().sha256())),
                e -> end(spec, Outcome.of("backup", e)));
    }

    private void end(String spec, Outcome o) {
        running.remove(spec);
        outcomes.put(spec, o);
        last = Optional.of(o);
        changes.fire();
    }

    /** Some drive is backing up: the window must not close. */
    public boolean busy() {
        return !running.isEmpty();
    }

    public boolean busy(String spec) {
        return running.contains(spec);
    }

    public ProgressModel progress(String spec) {
        return progress.getOrDefault(spec, IDLE);
    }

    public Optional<Outcome> outcome(String spec) {
        return Optional.ofNullable(outcomes.get(spec));
    }

    /** The outcome of the backup that ended last, whichever drive it was. */
    public Optional<Outcome> outcome() {
        return last;
    }

    public OperationLog log() {
        return log;
    }
}
