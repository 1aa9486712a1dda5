package dev.odflash.gui.model;

import dev.odflash.gui.GuiHost;
import dev.odflash.ops.BackupOperation;
import dev.odflash.ops.Capabilities;
import dev.odflash.ops.Capability;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;
import dev.odflash.transport.Device;

import java.util.Optional;

/** The Backup screen: the whole flash read twice into the library, with progress and ETA from the events. */
public final class BackupModel {
    private final GuiHost host;
    private final Threads threads;
    private final OperationLog log;
    private final Changes changes = new Changes();
    private boolean busy;
    private ProgressModel progress = new ProgressModel(() -> java.time.Duration.ZERO);
    private Optional<Outcome> outcome = Optional.empty();

    public BackupModel(GuiHost host, Threads threads, OperationLog log) {
        this.host = host;
        this.threads = threads;
        this.log = log;
    }

    public Changes changes() {
        return changes;
    }

    public void backUp(String spec) {
        if (busy) {
            return;
        }
        busy = true;
        outcome = Optional.empty();
        changes.fire();
        Jobs.run(threads, log, "backup", () -> {
            try (Device d = host.open(spec)) {
                ProgressModel p = new ProgressModel(d.clock()::elapsed);
                threads.ui().execute(() -> progress = p);
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
            }
        }, r -> {
            busy = false;
            outcome = Optional.of(new Outcome.Succeeded("backup", r.alreadyInLibrary() ? "Already in the library"
                    : "Backup written and verified (" + r.read().passes() + " reads agree)",
                    Texts.line(r.file().toString()) + "\nsha256 " + r.read().sha256()));
            changes.fire();
        }, end -> {
            busy = false;
            outcome = Optional.of(Outcome.of("backup", end));
            changes.fire();
        });
    }

    public boolean busy() {
        return busy;
    }

    public ProgressModel progress() {
        return progress;
    }

    public Optional<Outcome> outcome() {
        return outcome;
    }

    public OperationLog log() {
        return log;
    }
}
