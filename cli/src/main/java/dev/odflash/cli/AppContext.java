package dev.odflash.cli;

import dev.odflash.chip.ChipTable;
import dev.odflash.drive.DriveTable;
import dev.odflash.ops.BackupLibrary;
import dev.odflash.input.InputFileException;
import dev.odflash.ops.InputErrors;
import dev.odflash.ops.OdflashException;

import dev.odflash.family.ChipPaths;
import dev.odflash.transport.Device;
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
    private final RunLog log;

    AppContext(Terminal terminal, Map<String, String> env, GlobalOptions options, Clock clock,
               UnaryOperator<Writer> traceSink, RunLog log) {
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
        return BackupLibrary.fromEnvironment(env);
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
        log.openingDevice(spec); // a run that opens a drive writes its log (README "Logs")
        Device device = DeviceResolver.open(spec, chips());
        if (options.trace == null) {
            return ChipPaths.attach(device, chips()); // a task-file drive gets the host's vendor-mode channel
        }
        try {
            return ChipPaths.attach(new TracingDevice(device, trace(), false), chips());
        } catch (OdflashException | RuntimeException e) {
            device.close();
            throw e;
        }
    }

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
                    message -> out.warn("--trace " + options.trace + ": " + message));
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

    public ProgressRenderer progress() {
        // the bar's carriage return is the CLI's own; its phase names are fixed words
        return new ProgressRenderer(TerminalText.raw(terminal.err()), terminal.interactive(), options.quiet);
    }
}
