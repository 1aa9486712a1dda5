package dev.odflash.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odflash.chip.ChipTable;
import dev.odflash.drive.DriveTable;
import dev.odflash.emulator.EmulatedDrives;
import dev.odflash.emulator.firmware.Mtk8051Firmware;
import dev.odflash.family.ChipPaths;
import dev.odflash.ops.BackupLibrary;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.DriveProbe;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.status.KnownImage;
import dev.odflash.emulator.EmulatedDrive;
import dev.odflash.transport.Device;
import dev.odflash.transport.UserActions;
import dev.odflash.transport.TransportException;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The GUI's host in its tests: emulated drives opened by the emulator's own factory (with the vendor-mode
 * channel the composition root adds), a library in a temporary folder, and the drive list a test changes
 * (a "replug" after a power cut is the same image file without its fault).
 */
public class EmulatorHost implements GuiHost {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final List<DriveEntry> entries = new CopyOnWriteArrayList<>();
    private final ChipTable chips = ChipTable.builtIn();

    public EmulatorHost(Path dir) {
        this.dir = dir;
    }

    /** An emulated CRW-5224A on {@code name}.bin (created as 1.10 by the emulator), counters in {@code name}.json. */
    public String crw(String name, String fault) {
        return "emu:asus-crw-5224a?image=" + enc(dir.resolve(name + ".bin")) + "&stats=" + enc(stats(name))
                + (fault.isEmpty() ? "" : "&fault=" + enc(fault));
    }

    public Path stats(String name) {
        return dir.resolve(name + ".json");
    }

    public Path image(String name) {
        return dir.resolve(name + ".bin");
    }

    /** The counter {@code key} of the drive's last session (writeCommands, erases, programs). */
    public long counter(String name, String key) throws IOException {
        JsonNode n = JSON.readTree(stats(name).toFile());
        return n.path(key).asLong(-1);
    }

    /** A firmware file of the CRW-5224A at {@code version}, as its vendor would ship it. */
    public Path firmware(String version) throws IOException {
        Path f = dir.resolve("CRW-5224A-" + version + ".bin");
        if (!Files.exists(f)) {
            Files.write(f, Mtk8051Firmware.generate("ASUS", "CRW-5224A", version, 0x80000));
        }
        return f;
    }

    public void show(String... specs) {
        List<DriveEntry> list = new ArrayList<>();
        for (String s : specs) {
            list.add(new DriveEntry(s, "ASUS CRW-5224A (emulated)", "emulated"));
        }
        entries.clear();
        entries.addAll(list);
    }

    public Path home() {
        return dir.resolve("home");
    }

    private static String enc(Object o) {
        return URLEncoder.encode(o.toString(), StandardCharsets.UTF_8);
    }

    @Override
    public List<DriveEntry> discover() {
        return List.copyOf(entries);
    }

    /** What the simulated user does when the engine asks for a power cycle. */
    public enum User {
        /** Switches the drive off and on at once (as the CLI's tests have the emulator do). */
        POWER_CYCLES,
        /** Never does, so the banner stays until the test presses its Cancel (bounded: 20 s). */
        WAITS_FOR_CANCEL
    }

    private volatile User user = User.POWER_CYCLES;
    private final List<UserActions.Action> asked = new CopyOnWriteArrayList<>();

    public void user(User u) {
        this.user = u;
    }

    /** What the engine asked the user, in order. */
    public List<UserActions.Action> asked() {
        return List.copyOf(asked);
    }

    @Override
    public Device open(String spec, UserActions gui) throws OdflashException {
        try {
            Device drive = EmulatedDrives.open(spec, chips);
            return ChipPaths.attach(drive, chips, new UserActions() {
                @Override
                public boolean ask(Action action, Duration wait) {
                    asked.add(action);
                    boolean shown = gui.ask(action, wait);
                    if (shown && user == User.POWER_CYCLES && drive instanceof EmulatedDrive e) {
                        e.powerCycle();
                    } else if (shown) {
                        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                        while (!gui.cancelled() && System.nanoTime() < end) {
                            try {
                                Thread.sleep(20);
                            } catch (InterruptedException ie) {
                                Thread.currentThread().interrupt();
                                break;
                            }
                        }
                    }
                    return shown;
                }

                @Override
                public boolean cancelled() {
                    return gui.cancelled();
                }
            });
        } catch (IOException | IllegalArgumentException e) {
            throw OdflashException.usage("device " + spec + ": " + e.getMessage());
        } catch (TransportException e) {
            throw OdflashException.device(e.getMessage(), e, "open");
        }
    }

    @Override
    public DriveProbe probe() {
        return new DriveProbe(chips, DriveTable.builtIn(), Optional.empty(), OptionalLong.empty());
    }

    @Override
    public BackupLibrary library() {
        return new BackupLibrary(home());
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public List<KnownImage> knownImages(String spec, DriveInfo info) {
        return List.of();
    }

    private final List<String> reportRequests = new CopyOnWriteArrayList<>();

    /** The drives a report was asked for, in order (the archive itself is the CLI's: CliGuiHostReportTest). */
    public List<String> reportRequests() {
        return List.copyOf(reportRequests);
    }

    /** The GUI module's tests have no CLI to write the archive: the request is recorded and refused. */
    @Override
    public Path saveReport(String spec, Path directory) throws OdflashException {
        reportRequests.add(spec);
        throw OdflashException.usage("the emulated test host writes no report archive");
    }

    private volatile List<dev.odflash.doctor.Check> doctor = List.of();

    /** The checks the test's "doctor" reports (the real ones are the CLI's: CliGuiHostDoctorTest). */
    public void doctor(List<dev.odflash.doctor.Check> checks) {
        this.doctor = List.copyOf(checks);
    }

    @Override
    public List<dev.odflash.doctor.Check> doctor() throws OdflashException {
        return doctor;
    }
}
