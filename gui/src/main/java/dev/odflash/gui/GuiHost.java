package dev.odflash.gui;

import dev.odflash.doctor.Check;
import dev.odflash.ops.BackupLibrary;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.DriveProbe;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.status.KnownImage;
import dev.odflash.transport.Device;
import dev.odflash.transport.UserActions;

import java.time.Clock;
import java.nio.file.Path;
import java.util.List;

/**
 * What the GUI needs from the composition root: the drives there are, a way to open one, the probe, the
 * library and the known images. The CLI's {@code gui} command implements it with the very resolver and
 * device layers every command uses (so a drive the GUI opens is the drive `info` opens); the GUI's tests
 * implement it over the emulator. The GUI never sees a device spec's syntax beyond passing it back here.
 */
public interface GuiHost {
    /** The drives to offer: those the operating system shows and any emulated ones the user started with. */
    List<DriveEntry> discover();

    /**
     * Opens a drive (with the layers the host puts on every drive); the caller closes it. What the engine asks the
     * user while it works on the drive (power-cycle it for the vendor intro) goes to {@code user}, cancellation too.
     */
    Device open(String spec, UserActions user) throws OdflashException;

    /** Opens a drive with nobody to ask (the engine stops with the instruction instead of waiting). */
    default Device open(String spec) throws OdflashException {
        return open(spec, UserActions.NONE);
    }

    /** How a drive is identified (the chip and drive tables the host uses). */
    DriveProbe probe() throws OdflashException;

    /** The library, journals and flash history of the user running the GUI. */
    BackupLibrary library();

    Clock clock();

    /** The images odflash names by content for this drive (status's "known images"). */
    List<KnownImage> knownImages(String spec, DriveInfo info);

    /**
     * Writes the problem-report archive about a drive into {@code directory} under its default name, the
     * same zip as `odflash report` (only reads reach the drive; serials and the home directory redacted);
     * returns the file written. An existing file is never overwritten.
     */
    Path saveReport(String spec, Path directory) throws OdflashException;

    /**
     * What `odflash doctor` checks, typed: this computer (JDK, native access, platform, device nodes, permissions),
     * every drive the operating system shows, each family's path and whether libflashrom loads. Drives are opened
     * with nobody to ask and only harmless reads reach them.
     */
    List<Check> doctor() throws OdflashException;

    /**
     * From now on ({@code on}) or no longer, records the commands sent to each drive the GUI opens: the transport
     * trace the CLI writes with its trace option, kept in memory for the drive opened last. A host without a trace
     * ignores it.
     */
    default void recordTrace(boolean on) {
    }

    /**
     * The trace of the drive opened last while recording (one JSON line per command, as docs/architecture.md's
     * Traces contract says), at most about {@code TRACE_LIMIT} characters, the newest kept; empty when none.
     */
    default String lastTrace() {
        return "";
    }

    /** The bound of {@link #lastTrace()}: the end of a long operation, where it failed, is what a user needs. */
    int TRACE_LIMIT = 256 * 1024;
}
