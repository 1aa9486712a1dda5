package dev.odflash.cli;

import dev.odflash.chip.ChipTable;
import dev.odflash.drive.DriveTable;
import dev.odflash.ops.BackupLibrary;
import dev.odflash.ops.DataHome;
import dev.odflash.input.InputFileException;
import dev.odflash.ops.InputErrors;
import dev.odflash.ops.OdflashException;

import dev.odflash.family.ChipPaths;
import dev.odflash.transport.Device;
import dev.odflash.transport.HostTransferLimit;
import dev.odflash.transport.DeviceClock;
import dev.odflash.transport.trace.TraceWriter;
import dev.odflash.transport.trace.TracingDevice;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.util.function.UnaryOperator;
import java.time.Clock;
import java.util.Map;

/** What one CLI run shares between commands: streams, environment, options and lazily loaded tables. */
public final class AppContext {
    private final Terminal terminal;
    private final Map<String, String> env;
    private final GlobalOptions options;
    private final Clock clock;
    private final UnaryOperator<Writer> traceSink;
    private ChipTable chips;
    private TraceWriter trace;
    private DeviceClock deviceClock;
    private final RunLog log;
    private final DataHome home;
    private final Interrupts interrupts = new Interrupts(this::output, () -> options().json);
    private final java.util.List<String> args;
    private String realDrive; // issue 16: the last real drive (not emu:, not replay:) this run opened
    private final java.util.List<Device> portDevices = new java.util.ArrayList<>();

    AppContext(Terminal terminal, Map<String, String> env, GlobalOptions options, Clock clock,
               UnaryOperator<Writer> traceSink, RunLog log, DataHome home, java.util.List<String> args) {
        this.home = home;
        this.args = java.util.List.copyOf(args);
        this.log = log;
        this.traceSink = traceSink;
        this.terminal = terminal;
        this.env = env;
        this.options = options;
        this.clock = clock;
    }

    public Terminal terminal() {
        return terminal;
    }

    public Map<String, String> env() {
        return env;
    }

    public GlobalOptions options() {
        return options;
    }

    public Clock clock() {
        return clock;
    }

    public Output output() {
        return new Output(terminal, options.json);
    }

    public BackupLibrary library() {
        return new BackupLibrary(home.home());
    }

    public DriveTable drives() {
        return DriveTable.builtIn();
    }

    /** The built-in chip table plus the rows of --chip-db, if given. */
    public ChipTable chips() throws OdflashException {
        if (chips == null) {
            ChipTable table = ChipTable.builtIn();
            if (options.chipDb != null) {
                try {
                    table = table.withUserRows(options.chipDb);
                } catch (InputFileException e) {
                    throw InputErrors.of(e);
                } catch (IOException e) {
                    throw OdflashException.usage("--chip-db: " + e.getMessage());
                }
            }
            chips = table;
        }
        return chips;
    }

    /**
     * Opens the drive a spec names, wrapped in a trace recorder when --trace is given. Every command
     * opens its drives here (doctor too), so --trace records whatever any command sends; the trace file
     * belongs to the run and holds the commands of every drive the run opens.
     */
    public Device openDevice(String spec) throws OdflashException {
        return openDevice(spec, opened -> new PowerCyclePrompt(terminal, opened));
    }

    /**
     * Opens a drive as {@link #openDevice(String)} does, with {@code user} (given the drive as opened) answering what
     * the engine asks the user: the GUI's host passes its prompt banner here.
     */
    Device openDevice(String spec, java.util.function.Function<Device, dev.odflash.transport.UserActions> user)
            throws OdflashException {
        log.openingDevice(spec); // a run that opens a drive writes its log (README "Logs")
        // --- issue 16 (report): an error about a real drive ends with the report hint for the drive it was about
        if (ReportHint.isRealDrive(spec)) {
            realDrive = spec;
        }
        // --- end issue 16
        // layers, inside out: the drive; the trace (every command, and the register lines of a task-file drive);
        // the host's vendor-mode channel over a task-file drive; the interrupt test hook (counting SCSI commands
        // and chip-channel calls); the host path's transfer limit, above the trace so it shows the commands sent
        Device opened = DeviceResolver.open(spec, chips());
        if (dev.odflash.nativeio.PortForm.isPortForm(spec)) {
            portDevices.add(opened); // issue 14 §3: its session's ending is reported when the run ends
        }
        deviceClock = opened.clock(); // progress measures rate and ETA on the drive's time
        if (opened instanceof dev.odflash.emulator.replay.ReplayDevice replayed) { // issue 16: an old trace without a header
            replayed.warnings().forEach(output()::warn);
        }
        try {
            Device traced = options.trace == null ? opened : new TracingDevice(opened, trace(), false,
                    options.traceRegisters);
            Device withChannel = ChipPaths.attach(traced, chips(), user.apply(opened));
            Device hooked = options.interruptAt.isEmpty() ? withChannel
                    : new InterruptHook(withChannel, java.util.Set.copyOf(options.interruptAt), interrupts);
            return HostTransferLimit.honouring(hooked);
        } catch (OdflashException | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /** The last real drive (a /dev or \\.\ node) this run tried to open, if any: the one a report hint names. */
    java.util.Optional<String> realDrive() {
        return java.util.Optional.ofNullable(realDrive);
    }
    // --- issue 14 §3: the end of a port session ---
    /**
     * Reports how each port session of the run ended (what was verified, in order) and turns a drive that does not
     * answer INQUIRY after the rebind into exit 3 with "power-cycle the drive", whatever the command's own result.
     */
    int endPortSessions(int code) {
        Output out = output();
        int result = code;
        for (Device d : portDevices) {
            java.util.Optional<dev.odflash.transport.TransportException> refused = dev.odflash.nativeio.PortDevices.refusal(d);
            if (refused.isPresent() && result == 0) {
                // a probe words a refused session as "vendor mode not reachable"; the run still ends as the refusal
                result = out.error(refused.get().kind() == dev.odflash.transport.TransportException.Kind.BUSY
                        ? ExitCode.REFUSED : ExitCode.DEVICE, d.spec() + ": " + refused.get().getMessage());
            }
            java.util.Optional<dev.odflash.nativeio.PortEnding> ending = dev.odflash.nativeio.PortDevices.ending(d);
            if (ending.isEmpty()) {
                continue;
            }
            for (String line : ending.get().verified()) {
                out.note("port session " + d.spec() + ": " + line);
            }
            if (ending.get().problem().isPresent()) {
                result = out.error(ExitCode.DEVICE, d.spec() + ": " + ending.get().problem().get()
                        + "; power-cycle the drive (what was verified is listed above)");
            }
        }
        portDevices.clear();
        return result;
    }
    // --- end issue 14 §3 ---

    /** Opens the --trace file now, if one was asked for, so its error comes before any drive is opened. */
    void openTrace() throws OdflashException {
        if (options.trace != null) {
            trace();
        }
    }

    private TraceWriter trace() throws OdflashException {
        if (trace == null) {
            Output out = output();
            // a diagnostic never aborts a write (docs/architecture.md "Traces"): a failing sink warns once and tracing stops
            trace = new TraceWriter(traceSink.apply(TraceFile.create(options.trace)),
                    message -> out.warn("--trace " + options.trace + ": " + message), dev.odflash.ops.ToolVersion.get());
        }
        return trace;
    }

    /** Ends the run: closes the trace file, if one was opened. */
    void close() {
        if (trace != null) {
            try {
                trace.close();
            } catch (IOException ignored) {
                // every line was flushed when written
            }
        }
    }

    /** The command line of this run, as arguments (a resume repeats it; the test hook is left out). */
    java.util.List<String> args() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--interrupt-at-command")) {
                i++;
            } else if (!args.get(i).startsWith("--interrupt-at-command=")) {
                out.add(args.get(i));
            }
        }
        return out;
    }

    /** Where this run's Ctrl-C, SIGINT and SIGTERM go (docs/architecture.md "Interruption"). */
    Interrupts interrupts() {
        return interrupts;
    }

    public ProgressRenderer progress() {
        // the bar's carriage return is the CLI's own; its phase names are fixed words
        DeviceClock clock = deviceClock;
        return clock == null ? new ProgressRenderer(TerminalText.raw(terminal.err()), terminal.interactive(), options.quiet)
                : new ProgressRenderer(TerminalText.raw(terminal.err()), terminal.interactive(), options.quiet, clock::elapsed);
    }
}
