package dev.odflash.gui.model;

import dev.odflash.gui.DriveEntry;
import dev.odflash.gui.GuiHost;
import dev.odflash.ops.BackupLibrary;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.DriveProbe;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.status.KnownImage;
import dev.odflash.transport.Device;
import dev.odflash.transport.UserActions;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The host as the window's view-models see it: every drive they open is opened with the window's prompt banner as
 * the engine's {@link UserActions}, so a power-cycle request reaches the user (and the banner's Cancel the engine)
 * whichever screen started the work. Everything else is the host's.
 */
record PromptingHost(GuiHost host, UserActions prompts) implements GuiHost {
    @Override
    public List<DriveEntry> discover() {
        return host.discover();
    }

    @Override
    public Device open(String spec, UserActions user) throws OdflashException {
        return host.open(spec, user);
    }

    @Override
    public Device open(String spec) throws OdflashException {
        return host.open(spec, prompts);
    }

    @Override
    public DriveProbe probe() throws OdflashException {
        return host.probe();
    }

    @Override
    public BackupLibrary library() {
        return host.library();
    }

    @Override
    public Clock clock() {
        return host.clock();
    }

    @Override
    public List<KnownImage> knownImages(String spec, DriveInfo info) {
        return host.knownImages(spec, info);
    }

    @Override
    public Path saveReport(String spec, Path directory) throws OdflashException {
        return host.saveReport(spec, directory);
    }

    @Override
    public List<dev.odflash.doctor.Check> doctor() throws OdflashException {
        return host.doctor();
    }

    @Override
    public void recordTrace(boolean on) {
        host.recordTrace(on);
    }

    @Override
    public String lastTrace() {
        return host.lastTrace();
    }
}
