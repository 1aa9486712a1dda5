package dev.odflash.gui.model;

import dev.odflash.bytes.Sha256;
import dev.odflash.family.ImageIdentifier;
import dev.odflash.gui.GuiHost;
import dev.odflash.image.ImageReport;
import dev.odflash.input.BoundedInput;
import dev.odflash.input.InputFileException;
import dev.odflash.ops.Cancellation;
import dev.odflash.ops.Choice;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.ImageFit;
import dev.odflash.ops.InputErrors;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.flash.DriveKey;
import dev.odflash.ops.flash.FlashOperation;
import dev.odflash.ops.flash.FlashOptions;
import dev.odflash.ops.flash.FlashPreflight;
import dev.odflash.ops.flash.FlashResult;
import dev.odflash.ops.flash.FlashSummary;
import dev.odflash.family.Mt19xxVariant;
import dev.odflash.transport.Device;
import dev.odflash.transport.ExclusiveUse;
import dev.odflash.transport.TransportException;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The flash wizard without Swing: file, drive and file side by side, the gate list with each gate's own
 * override, the plan (a dry run), the typed-model confirmation, progress and the result.
 *
 * <p>Consent is tied to one drive, one file and one set of overrides: changing any of them drops it (the
 * typed model is cleared and the plan must be made again). Confirming freezes the target; the running
 * flash writes to the frozen drive and file whatever is selected afterwards, and the engine's own
 * confirmation question is answered yes only for that frozen drive. A worker that dies releases every
 * control and says the state is uncertain.
 */
public final class FlashWizardModel {
    public enum Stage { FILE, COMPARE, GATES, PLAN, CONFIRM, RUNNING, RESULT }

    /** A drive as the wizard knows it: its spec and what the probe found. */
    public record Target(String spec, DriveInfo info) {
    }

    /** The file chosen: its bytes are read once, hashed and identified, and that copy is what is flashed. */
    public record FileChoice(Path path, byte[] bytes, ImageReport report, String sha256) {
    }

    /**
     * What the user confirmed: the flash runs on exactly this.
     *
     * @param restore the file is this unit's own backup, written back (a restore); else a flash or resume
     */
    public record Frozen(String spec, String vendor, String product, String serial, Path file, String sha256,
                         byte[] bytes, Set<Choice> overrides, boolean restore) {
    }

    private final GuiHost host;
    private final Threads threads;
    private final OperationLog log;
    private final Changes changes = new Changes();

    private Stage stage = Stage.FILE;
    private Optional<Target> drive = Optional.empty();
    private Optional<FileChoice> file = Optional.empty();
    private final Set<Choice> overrides = EnumSet.noneOf(Choice.class);
    private List<ImageFit.Gate> gates = List.of();
    private Optional<FlashResult> plan = Optional.empty();
    private Optional<String> serial = Optional.empty();
    private String typedModel = "";
    private Optional<Frozen> frozen = Optional.empty();
    private boolean busy;
    private ProgressModel progress = new ProgressModel(() -> java.time.Duration.ZERO);
    private Cancellation cancellation = Cancellation.none();
    private Optional<Outcome> outcome = Optional.empty();
    private Optional<FlashResult> result = Optional.empty();

    private final DriveJobs jobs;

    public FlashWizardModel(GuiHost host, Threads threads, OperationLog log) {
        this(host, threads, log, new DriveJobs());
    }

    /** @param jobs the window's drives at work: a drive backing up is refused here at once, and the reverse */
    public FlashWizardModel(GuiHost host, Threads threads, OperationLog log, DriveJobs jobs) {
        this.host = host;
        this.threads = threads;
        this.log = log;
        this.jobs = jobs;
    }

    public Changes changes() {
        return changes;
    }

    // --- the drive and the file ---

    /** Selects the drive to flash; another drive than before drops consent, the gates and the plan. */
    public void selectDrive(String spec, DriveInfo info) {
        boolean other = drive.map(t -> !t.spec().equals(spec)).orElse(true);
        drive = Optional.of(new Target(spec, info));
        if (other) {
            serial = Optional.empty();
            dropConsent();
            overrides.clear();
            if (!running() && stage.ordinal() > Stage.COMPARE.ordinal()) {
                stage = file.isPresent() ? Stage.COMPARE : Stage.FILE;
            }
        }
        changes.fire();
    }

    /** Reads and identifies the file (at most three times the drive's flash, as the CLI bounds it). */
    public void chooseFile(Path path) {
        long bound = drive.map(t -> ImageFit.expectedSize(t.info())).filter(n -> n > 0).map(n -> n * 3).orElse(16L << 20);
        Jobs.run(threads, log, "file", () -> {
            try {
                byte[] bytes = BoundedInput.read(path, bound, "the firmware file");
                return new FileChoice(path, bytes, ImageIdentifier.identify(bytes), Sha256.hex(bytes));
            } catch (InputFileException e) {
                throw InputErrors.of(e);
            }
        }, f -> {
            file = Optional.of(f);
            dropConsent();
            outcome = Optional.empty();
            stage = drive.isPresent() ? Stage.COMPARE : Stage.FILE;
            changes.fire();
        }, end -> fail("file", end));
    }

    public List<Comparison.Row> comparison() {
        if (drive.isEmpty() || file.isEmpty()) {
            return List.of();
        }
        return Comparison.rows(drive.get().info(), file.get().report());
    }

    // --- gates and overrides ---

    /** Ticks or clears one gate's own override; the gates are evaluated again, and consent is dropped. */
    public void setOverride(Choice choice, boolean on) {
        if (running() || !ChoiceWords.isOverride(choice)) {
            return;
        }
        boolean changed = on ? overrides.add(choice) : overrides.remove(choice);
        if (changed) {
            dropConsent();
            changes.fire();
            evaluateGates();
        }
    }

    public Set<Choice> overrides() {
        return Set.copyOf(overrides);
    }

    /** Every gate flash would apply, evaluated as flash's own dry run on the drive (nothing is written). */
    public void evaluateGates() {
        Target t = drive.orElseThrow();
        FileChoice f = file.orElseThrow();
        FlashOptions options = options(overrides, true, Cancellation.none());
        busy = true;
        changes.fire();
        Jobs.run(threads, log, "gates", () -> {
            try (Device d = host.open(t.spec())) {
                DriveInfo info = host.probe().probe(d);
                List<ImageFit.Gate> found = new FlashPreflight(host.library(), host.clock(), host.probe())
                        .gates(d, info, f.bytes(), f.report(), f.path(), options, event -> { });
                return new Gates(withRefusalsOverride(found, d, info, f, options), DriveKey.of(info, d).describe());
            }
        }, g -> {
            busy = false;
            gates = g.gates();
            serial = Optional.of(g.serial());
            stage = Stage.GATES;
            changes.fire();
        }, end -> fail("gates", end));
    }

    private record Gates(List<ImageFit.Gate> gates, String serial) {
    }

    /**
     * The preflight lists an image gate as ImageFit words it, and that gate carries no override where only
     * flash's refusal names one (the model gate's cross-flash): the refusing gate gets the override of the
     * refusal flash's own dry run gives (refused before any read, so this costs no flash read).
     */
    private List<ImageFit.Gate> withRefusalsOverride(List<ImageFit.Gate> gates, Device d, DriveInfo info, FileChoice f,
                                                     FlashOptions options) throws OdflashException {
        if (gates.stream().noneMatch(g -> !g.passed() && g.override().isEmpty())) {
            return gates;
        }
        try {
            new FlashOperation(host.library(), host.clock(), host.probe())
                    .run(d, info, f.bytes(), f.path(), options, summary -> false, event -> { });
            return gates;
        } catch (OdflashException e) {
            if (!(e.failure() instanceof dev.odflash.ops.Failure.Refusal r) || r.override().isEmpty()) {
                return gates;
            }
            return gates.stream().map(g -> !g.passed() && g.override().isEmpty() && g.name().equals(r.gate().word())
                    ? new ImageFit.Gate(g.name(), false, g.message(), r.override(), r.arguments()) : g).toList();
        }
    }

    public List<ImageFit.Gate> gates() {
        return gates;
    }

    public boolean gatesPassed() {
        return !gates.isEmpty() && gates.stream().allMatch(ImageFit.Gate::passed);
    }

    // --- plan and confirmation ---

    /** The dry run: flash's own pipeline with every gate and the plan, writing nothing. */
    public void makePlan() {
        if (!gatesPassed()) {
            return;
        }
        Target t = drive.orElseThrow();
        FileChoice f = file.orElseThrow();
        FlashOptions options = options(overrides, true, Cancellation.none());
        busy = true;
        changes.fire();
        Jobs.run(threads, log, "plan", () -> {
            try (Device d = host.open(t.spec())) {
                DriveInfo info = host.probe().probe(d);
                return new FlashOperation(host.library(), host.clock(), host.probe())
                        .run(d, info, f.bytes(), f.path(), options, summary -> false, event -> { });
            }
        }, r -> {
            busy = false;
            plan = Optional.of(r);
            stage = Stage.PLAN;
            changes.fire();
        }, end -> fail("plan", end));
    }

    public Optional<FlashResult> plan() {
        return plan;
    }

    /** On to the confirmation; its text field starts empty and its default button is Cancel. */
    public void askConfirmation() {
        if (plan.isPresent() && !running()) {
            typedModel = "";
            stage = Stage.CONFIRM;
            changes.fire();
        }
    }

    /** What the confirmation names: drive, serial (or the key the journal uses) and the file's hash. */
    public String confirmationText() {
        Target t = drive.orElseThrow();
        FileChoice f = file.orElseThrow();
        return "Flash " + Texts.line(t.info().inquiry().vendor() + " " + t.info().inquiry().product()) + " ("
                + Texts.line(t.spec()) + ", " + Texts.line(serial.orElse("serial unknown")) + ")\nwith "
                + Texts.line(f.path().getFileName().toString()) + "\nsha256 " + f.sha256();
    }

    /** The model name the user must type: the drive's product string, as INQUIRY gives it. */
    public String modelToType() {
        return drive.map(t -> t.info().inquiry().product().strip()).orElse("");
    }

    public void typeModel(String text) {
        typedModel = text;
        changes.fire();
    }

    public String typedModel() {
        return typedModel;
    }

    /** Consent: a plan for this drive, file and overrides, and the model typed exactly. */
    public boolean consentGiven() {
        return stage == Stage.CONFIRM && plan.isPresent() && gatesPassed() && !modelToType().isEmpty()
                && typedModel.strip().equals(modelToType());
    }

    /** Cancel on the confirmation: back to the plan, nothing frozen. */
    public void declineConfirmation() {
        typedModel = "";
        if (stage == Stage.CONFIRM) {
            stage = Stage.PLAN;
        }
        changes.fire();
    }

    /** Freezes the target and starts the flash; nothing happens without consent. */
    public void confirmAndFlash() {
        if (!consentGiven() || running()) {
            return;
        }
        Target t = drive.orElseThrow();
        FileChoice f = file.orElseThrow();
        Frozen target = new Frozen(t.spec(), t.info().inquiry().vendor(), t.info().inquiry().product(),
                serial.orElse(""), f.path(), f.sha256(), f.bytes(), Set.copyOf(overrides), false);
        frozen = Optional.of(target);
        run(target, "flash");
    }

    /**
     * Resumes (or restores) a flash a journal left: the same pipeline, confirmed by the click on the banner's
     * button for this drive and file, both frozen now.
     */
    public void resume(String spec, DriveInfo info, Path imageFile, boolean restore) {
        if (running()) {
            return;
        }
        drive = Optional.of(new Target(spec, info));
        Jobs.run(threads, log, restore ? "restore" : "resume", () -> {
            try {
                return BoundedInput.read(imageFile, Math.max(ImageFit.expectedSize(info), 1) * 3, "the journal's image");
            } catch (InputFileException e) {
                throw InputErrors.of(e);
            }
        }, bytes -> {
            file = Optional.of(new FileChoice(imageFile, bytes, ImageIdentifier.identify(bytes), Sha256.hex(bytes)));
            Frozen target = new Frozen(spec, info.inquiry().vendor(), info.inquiry().product(), "", imageFile,
                    Sha256.hex(bytes), bytes, Set.of(), restore);
            frozen = Optional.of(target);
            run(target, restore ? "restore" : "resume");
        }, end -> fail(restore ? "restore" : "resume", end));
    }

    private void run(Frozen target, String operation) {
        busy = true;
        stage = Stage.RUNNING;
        outcome = Optional.empty();
        result = Optional.empty();
        cancellation = new Cancellation();
        Cancellation stop = cancellation;
        changes.fire();
        Jobs.run(threads, log, operation, () -> {
            jobs.claim(target.spec(), operation);
            try (Device d = host.open(target.spec()); ExclusiveUse use = exclusive(d)) {
                ProgressModel p = new ProgressModel(d.clock()::elapsed);
                threads.ui().execute(() -> {
                    progress = p;
                    changes.fire();
                });
                DriveInfo info = host.probe().probe(d);
                FlashOptions options = target.restore() ? restoreOptions(stop) : options(target.overrides(), false, stop);
                return new FlashOperation(host.library(), host.clock(), host.probe())
                        .run(d, info, target.bytes(), target.file(), options,
                                summary -> isFrozenTarget(summary, target), event -> {
                                    p.update(event);
                                    threads.ui().execute(changes::fire);
                                });
            } finally {
                jobs.release(target.spec());
            }
        }, r -> {
            busy = false;
            result = Optional.of(r);
            outcome = Optional.of(new Outcome.Succeeded(operation, r.resumed() ? "Resumed, flashed and verified"
                    : "Flashed and verified", Texts.line(r.fromVersion()) + " \u2192 " + Texts.line(r.toVersion())
                    + " by " + r.written().verification().word() + "; backup "
                    + r.backupFile().map(Path::toString).map(Texts::line).orElse("none") + " (sha256 " + r.backupSha256()
                    + "). Power-cycle or reset the drive to run the new firmware."));
            stage = Stage.RESULT;
            changes.fire();
        }, end -> fail(operation, end));
    }

    /** The engine asks before it writes: yes only for the drive and model that were confirmed. */
    static boolean isFrozenTarget(FlashSummary summary, Frozen target) {
        return summary.device().equals(target.spec()) && summary.product().strip().equals(target.product().strip())
                && summary.vendor().strip().equals(target.vendor().strip());
    }

    private static ExclusiveUse exclusive(Device d) throws OdflashException {
        try {
            return d.acquireExclusive();
        } catch (TransportException e) {
            throw OdflashException.device(e.getMessage(), e, "lock");
        }
    }

    private static FlashOptions options(Set<Choice> overrides, boolean dryRun, Cancellation stop) {
        return new FlashOptions(overrides.contains(Choice.ALLOW_CROSS_FLASH), overrides.contains(Choice.ALLOW_REINSTALL),
                overrides.contains(Choice.ALLOW_OLDER), overrides.contains(Choice.INCLUDE_BOOT), false, dryRun,
                Optional.empty(), overrides.contains(Choice.WITHOUT_BACKUP), Mt19xxVariant.REDUMPER,
                overrides.contains(Choice.REGIONS_ONLY), false, stop);
    }

    private static FlashOptions restoreOptions(Cancellation stop) {
        return new FlashOptions(false, false, false, false, false, false, Optional.empty(), false,
                Mt19xxVariant.REDUMPER, false, true, stop);
    }

    // --- while it runs ---

    /** Cancelling is offered only until the first write begins (and once: a second click asks nothing new). */
    public boolean canCancel() {
        return running() && !progress.writeBegun() && !cancellation.requested();
    }

    public void cancel() {
        if (canCancel()) {
            cancellation.request();
            log.add(OperationLog.Level.INFO, "flash", "stop requested: the flash stops before its first write");
            changes.fire();
        }
    }

    /** While a flash runs the window must not close (and the do-not-power-off banner shows). */
    public boolean closeBlocked() {
        return running();
    }

    public boolean running() {
        return busy && stage == Stage.RUNNING;
    }

    public boolean busy() {
        return busy;
    }

    public ProgressModel progress() {
        return progress;
    }

    // --- state for the views ---

    public Stage stage() {
        return stage;
    }

    /** Back to an earlier step (not while the flash runs). */
    public void back(Stage to) {
        if (!running() && to.ordinal() < stage.ordinal()) {
            if (to.ordinal() < Stage.CONFIRM.ordinal()) {
                typedModel = "";
            }
            stage = to;
            changes.fire();
        }
    }

    public Optional<Target> drive() {
        return drive;
    }

    public Optional<FileChoice> file() {
        return file;
    }

    public Optional<Frozen> frozen() {
        return frozen;
    }

    public Optional<Outcome> outcome() {
        return outcome;
    }

    public Optional<FlashResult> result() {
        return result;
    }

    public OperationLog log() {
        return log;
    }

    private void dropConsent() {
        typedModel = "";
        plan = Optional.empty();
        gates = List.of();
        if (!running()) {
            frozen = Optional.empty();
        }
    }

    private void fail(String operation, Jobs.End end) {
        busy = false;
        outcome = Optional.of(Outcome.of(operation, end));
        if (stage == Stage.RUNNING) {
            stage = Stage.RESULT;
        }
        changes.fire();
    }
}
