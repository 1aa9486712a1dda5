package dev.odflash.cli;

import dev.odflash.chip.ChipTable;
import dev.odflash.drive.DriveTable;
import dev.odflash.ops.BackupLibrary;
import dev.odflash.input.InputFileException;
import dev.odflash.ops.InputErrors;
import dev.odflash.ops.OdflashException;

import dev.odflash.transport.Device;
import dev.odflash.transport.trace.TraceWriter;
import dev.odflash.transport.trace.TracingDevice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;

/** What one CLI run shares between commands: streams, environment, options and lazily loaded tables. */
public final class AppContext {
    private final Terminal terminal;
    private final Map<String, String> env;
    private final GlobalOptions options;
    private final Clock clock;
    private ChipTable chips;

    AppContext(Terminal terminal, Map<String, String> env, GlobalOptions options, Clock clock) {
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

    /** Opens the drive a spec names, wrapped in a trace recorder when --trace is given. */
    public Device openDevice(String spec) throws OdflashException {
        Device device = DeviceResolver.open(spec, chips());
        if (options.trace == null) {
            return device;
        }
        try {
            return new TracingDevice(device, new TraceWriter(Files.newBufferedWriter(options.trace,
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)));
        } catch (FileAlreadyExistsException e) {
            device.close();
            throw OdflashException.refused("--trace " + options.trace + " exists; odflash never overwrites a file");
        } catch (IOException e) {
            device.close();
            throw OdflashException.usage("--trace " + options.trace + ": " + e.getMessage());
        }
    }

    public ProgressRenderer progress() {
        return new ProgressRenderer(terminal.err(), terminal.interactive(), options.quiet);
    }
}
