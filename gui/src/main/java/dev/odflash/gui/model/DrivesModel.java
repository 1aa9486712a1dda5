package dev.odflash.gui.model;

import dev.odflash.gui.DriveEntry;
import dev.odflash.gui.GuiHost;
import dev.odflash.ops.BackupLibrary;
import dev.odflash.ops.Capabilities;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.flash.DriveKey;
import dev.odflash.ops.flash.Journal;
import dev.odflash.ops.flash.JournalStore;
import dev.odflash.ops.status.StatusOperation;
import dev.odflash.ops.status.StatusReport;
import dev.odflash.transport.Device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Drives screen: the host's drives, each opened once per refresh, probed and checked ("is my firmware
 * intact?" is status's own answer), with its pending journal, which raises the resume banner.
 */
public final class DrivesModel {
    private final GuiHost host;
    private final Threads threads;
    private final OperationLog log;
    private final Changes changes = new Changes();
    private final DriveJobs jobs;
    /** Replaced on the UI thread, read by the refresh's worker (a drive at work keeps its card). */
    private volatile List<DriveCard> cards = List.of();
    private Optional<String> selected = Optional.empty();
    private boolean busy;
    private Optional<Outcome> outcome = Optional.empty();

    public DrivesModel(GuiHost host, Threads threads, OperationLog log) {
        this(host, threads, log, new DriveJobs());
    }

    /** @param jobs the window's drives at work: a refresh never opens one of them (its lock is held by the job) */
    public DrivesModel(GuiHost host, Threads threads, OperationLog log, DriveJobs jobs) {
        this.host = host;
        this.threads = threads;
        this.log = log;
        this.jobs = jobs;
    }

    public Changes changes() {
        return changes;
    }

    public void refresh() {
        busy = true;
        changes.fire();
        Jobs.run(threads, log, "drives", () -> {
            List<DriveCard> found = new ArrayList<>();
            List<DriveCard> before = cards;
            for (DriveEntry e : host.discover()) {
                Optional<DriveCard> kept = jobs.running(e.spec()).flatMap(busy -> before.stream()
                        .filter(c -> c.entry().spec().equals(e.spec())).findFirst());
                found.add(kept.isPresent() ? kept.get() : card(e));
            }
            return found;
        }, found -> {
            busy = false;
            cards = List.copyOf(found);
            outcome = Optional.empty();
            if (selected.isPresent() && cards.stream().noneMatch(c -> c.entry().spec().equals(selected.get()))) {
                selected = Optional.empty();
            }
            if (selected.isEmpty() && !cards.isEmpty()) {
                selected = Optional.of(cards.getFirst().entry().spec());
            }
            changes.fire();
        }, end -> {
            busy = false;
            outcome = Optional.of(Outcome.of("drives", end));
            changes.fire();
        });
    }

    /** One drive: a drive that cannot be opened still gets a card that says why. */
    private DriveCard card(DriveEntry e) {
        if (e.access().isPresent()) {
            return new DriveCard(e, Optional.empty(), Optional.empty(), Optional.empty(), 0, e.access());
        }
        try (Device d = host.open(e.spec())) {
            DriveInfo info = host.probe().probe(d);
            BackupLibrary library = host.library();
            Optional<Journal> pending = pending(library, info, d);
            Optional<StatusReport> status = Optional.empty();
            if (Capabilities.readable(info, d)) {
                status = Optional.of(new StatusOperation(library).run(d, info, host.knownImages(e.spec(), info),
                        event -> { }));
            }
            return new DriveCard(e, Optional.of(info), status, pending, backups(library, info), Optional.empty());
        } catch (OdflashException ex) {
            log.add(OperationLog.Level.WARNING, "drives", e.spec() + ": " + FailureWords.detail(ex.failure()));
            return new DriveCard(e, Optional.empty(), Optional.empty(), Optional.empty(), 0,
                    Optional.of(FailureWords.heading(ex.failure()) + ": " + FailureWords.detail(ex.failure())));
        }
    }

    private static Optional<Journal> pending(BackupLibrary library, DriveInfo info, Device d) throws OdflashException {
        try {
            return new JournalStore(library.journals()).pending(DriveKey.of(info, d).id());
        } catch (IOException e) {
            throw OdflashException.usage("the journal for this drive is unreadable: " + e.getMessage());
        }
    }

    /** The complete backups (images with a sidecar) in the library's folder for this model. */
    static int backups(BackupLibrary library, DriveInfo info) {
        Path dir = library.driveDirectory(info.inquiry().vendor(), info.inquiry().product());
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return (int) files.filter(p -> p.getFileName().toString().endsWith(".bin"))
                    .filter(p -> Files.exists(p.resolveSibling(p.getFileName() + ".json"))).count();
        } catch (IOException e) {
            return 0;
        }
    }

    public List<DriveCard> cards() {
        return cards;
    }

    public Optional<DriveCard> selected() {
        return selected.flatMap(s -> cards.stream().filter(c -> c.entry().spec().equals(s)).findFirst());
    }

    public void select(String spec) {
        selected = Optional.of(spec);
        changes.fire();
    }

    /** The cards whose drive has a flash its journal says did not finish. */
    public List<DriveCard> pending() {
        return cards.stream().filter(c -> c.pending().isPresent()).toList();
    }

    public boolean busy() {
        return busy;
    }

    public Optional<Outcome> outcome() {
        return outcome;
    }

    public OperationLog log() {
        return log;
    }
}
