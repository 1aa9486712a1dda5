package dev.odflash.gui.model;

import dev.odflash.gui.GuiHost;

import java.util.Optional;

/** Every view-model of one GUI window, sharing one host, one pair of threads and one diagnostic log. */
public final class GuiModels {
    private final GuiHost host;
    private final OperationLog log;
    private final DrivesModel drives;
    private final FlashWizardModel wizard;
    private final BackupModel backup;
    private final LibraryModel library;
    private final FileModel file;

    private final ReportSaver reports;
    private final DoctorModel doctor;
    private final RecoveryModel recovery;
    private final TraceModel trace;

    private final PromptModel prompts;

    public GuiModels(GuiHost given, Threads threads) {
        this.prompts = new PromptModel(given.clock(), threads);
        GuiHost host = new PromptingHost(given, prompts); // every drive the screens open can ask the user
        this.host = host;
        this.log = new OperationLog(host.clock(), Optional.of(host.library().home().resolve("gui-logs")));
        DriveJobs jobs = new DriveJobs(); // one per window: a drive busy in the wizard is busy for a backup too
        this.drives = new DrivesModel(host, threads, log, jobs);
        this.wizard = new FlashWizardModel(host, threads, log, jobs);
        this.backup = new BackupModel(host, threads, log, jobs);
        this.library = new LibraryModel(host, threads, log);
        this.file = new FileModel(threads, log);
        this.reports = new ReportSaver(host, log, threads);
        this.doctor = new DoctorModel(host, threads, log);
        this.recovery = new RecoveryModel(doctor); // the same checks as Diagnostics shows
        this.trace = new TraceModel(host);
        // once the flash writes, the drive took the intro: the power-cycle prompt is over and gives way to the banner
        wizard.changes().listen(() -> {
            if (flashWriting() && prompts.shown().isPresent()) {
                prompts.dismiss();
            }
        });
        drives.changes().listen(() -> drives.selected().ifPresent(c -> c.info().ifPresent(i -> {
            if (!wizard.running()) {
                wizard.selectDrive(c.entry().spec(), i);
            }
        })));
    }

    /** "Save report…": the log and the drive's report archive (ReportSaver). */
    public ReportSaver reports() {
        return reports;
    }

    /** The engine's prompts to the user (power-cycle the drive), shown as a banner with a Cancel. */
    public PromptModel prompts() {
        return prompts;
    }

    /** The doctor's checks for the Diagnostics screen. */
    public DoctorModel doctor() {
        return doctor;
    }

    /** The Recovery screen's port path and external programmer, from the doctor's checks. */
    public RecoveryModel recovery() {
        return recovery;
    }

    /** The optional command trace of the last operation (Diagnostics). */
    public TraceModel trace() {
        return trace;
    }

    public GuiHost host() {
        return host;
    }

    public OperationLog log() {
        return log;
    }

    public DrivesModel drives() {
        return drives;
    }

    public FlashWizardModel wizard() {
        return wizard;
    }

    public BackupModel backup() {
        return backup;
    }

    public LibraryModel library() {
        return library;
    }

    public FileModel file() {
        return file;
    }

    /** A flash or backup is writing or reading: the window must not close. */
    public boolean closeBlocked() {
        return wizard.closeBlocked() || backup.busy();
    }

    /**
     * Whether the red "do not power off or unplug" banner shows: a flash shows it from its first write on (before
     * that, the power-cycle prompt may ask the user to do exactly what the banner forbids); a backup shows it while it
     * reads, except while the prompt is on screen. The two never show at once.
     */
    public boolean powerWarning() {
        return flashWriting() || backup.busy() && prompts.shown().isEmpty();
    }

    private boolean flashWriting() {
        return wizard.running() && wizard.progress().writeBegun();
    }
}
