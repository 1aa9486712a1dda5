package dev.odflash.cli;

import dev.odflash.doctor.Check;
import dev.odflash.drive.DriveFamily;
import dev.odflash.emulator.EmulatorSpec;
import dev.odflash.nativeio.ExternalProgrammers;
import dev.odflash.nativeio.HostChecks;
import dev.odflash.nativeio.Platform;
import dev.odflash.ops.Capabilities;
import dev.odflash.ops.DriveDoctor;
import dev.odflash.ops.OdflashException;
import dev.odflash.transport.Device;
import dev.odflash.transport.TransportException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What `odflash doctor` checks, as typed results (core's {@link Check}): the command words and prints them, the GUI's
 * host hands them to the Diagnostics screen (CliGuiHost#doctor), so the GUI never parses the command's text.
 */
final class DoctorChecks {
    /** Opens a drive to check (the command: as every command does; the GUI: with nobody to ask). */
    @FunctionalInterface
    interface Opener {
        Device open(String spec) throws OdflashException;
    }

    private final AppContext ctx;
    private final Opener opener;

    DoctorChecks(AppContext ctx, Opener opener) {
        this.ctx = ctx;
        this.opener = opener;
    }

    /**
     * Every check, in order, for {@code device} (null: every drive the OS shows, or {@code shownTargets}, the test
     * hook); {@code sysfs} null reads /sys. A bad {@code device} spec throws the usage error; a drive that fails is a
     * failed check.
     */
    List<Check> run(String device, Path sysfs, List<String> shownTargets) throws OdflashException {
        List<Check> checks = new ArrayList<>();
        checks.add(java());
        // a replayed trace is no OS pass-through either: its host checks were the recording's (a report's doctor.json)
        boolean replayed = device != null && device.startsWith(dev.odflash.emulator.replay.ReplayDevice.PREFIX);
        boolean clip = device != null && ExternalProgrammers.isSpec(device);
        boolean emulated = device != null && EmulatorSpec.isEmulator(device) || replayed;
        List<String> targets = new ArrayList<>();
        Platform platform = sysfs != null ? Platform.LINUX : Platform.current();
        if (device == null && shownTargets != null) {
            checks.add(Check.skip("platform", "", "drives given by the test hook --target"));
            targets.addAll(shownTargets);
        } else if (clip) {
            checks.add(Check.skip("platform", device, "a chip on an external programmer: libflashrom, no OS"
                    + " pass-through; `odflash info --device " + device + "` probes it"));
        } else if (emulated) {
            checks.add(Check.skip("platform", device, (replayed ? "replayed trace" : "emulated drive")
                    + ": no OS pass-through involved"));
            targets.add(device);
        } else if (platform == Platform.LINUX) {
            checks.add(Check.ok("platform", "", "Linux: SG_IO through /dev/sgN and /dev/srN"));
            HostChecks.Outcome host = new HostChecks(sysfs != null ? sysfs : Path.of("/sys")).run(device);
            checks.addAll(host.checks());
            targets.addAll(host.targets());
            // --- issue 14 §3: IDE channels and port access (informational: no port path is not a failure) ---
            dev.odflash.nativeio.PortDevices.Roots roots = PortText.roots(sysfs);
            for (String[] line : PortText.doctorLines(dev.odflash.nativeio.PortDevices.channels(roots),
                    dev.odflash.nativeio.PortDevices.access(roots))) {
                checks.add(Check.info(line[0], "", line[1]));
            }
            // --- end issue 14 §3 ---
        } else if (platform == Platform.WINDOWS) {
            checks.add(Check.warn("platform", "", "Windows: SPTI through \\\\.\\CdRomN (untested on real Windows)",
                    "report what works and what does not"));
            checks.add(Check.info("port access", "", dev.odflash.nativeio.PortDevices.windowsAdvice())); // issue 14 §3
            if (device != null) {
                targets.add(device);
            } else {
                dev.odflash.nativeio.OpticalDriveScan.scan().forEach(d -> targets.add(d.preferredNode()));
            }
        } else {
            checks.add(Check.fail("platform", "", System.getProperty("os.name") + ": odflash has no OS pass-through"
                    + " here", "use Linux or Windows for real drives; emulated drives work everywhere"));
        }
        List<DriveFamily> seen = new ArrayList<>();
        for (String target : targets) {
            drive(device, target, checks, seen);
        }
        for (DriveFamily f : DriveFamily.values()) {
            checks.add(Check.info("path " + f.word(), seen.contains(f) ? "this drive" : "", path(f)));
        }
        checks.add(libflashrom(clip)); // the external family's library (issue 15)
        return checks;
    }

    /** The family's path in the words `info` uses: both come from Capabilities. */
    private static String path(DriveFamily family) {
        List<dev.odflash.ops.Capability> caps = Capabilities.ofFamily(family);
        if (caps.stream().map(dev.odflash.ops.Capability::how).distinct().count() == 1) {
            return (caps.getFirst().available() ? "" : "none: ") + caps.getFirst().how();
        }
        return String.join("; ", caps.stream()
                .map(c -> c.operation() + ": " + (c.available() ? "" : "no, ") + c.how()).toList());
    }

    private static Check java() {
        int feature = Runtime.version().feature();
        boolean nativeAccess = Platform.class.getModule().isNativeAccessEnabled(); // the module that calls the linker
        String detail = "Java " + Runtime.version() + " (" + System.getProperty("java.home") + ")";
        if (feature < 25) {
            return Check.fail("java", "", detail, "install a JDK 25 and set JAVA_HOME");
        }
        if (!nativeAccess) {
            return Check.warn("java", "", detail + "; native access not enabled (the JDK prints a warning and a later"
                    + " JDK will refuse)", "run through the odflash launcher, or add --enable-native-access=ALL-UNNAMED");
        }
        return Check.ok("java", "", detail + ", native access enabled");
    }

    /**
     * Checks one drive. Whatever keeps it from opening (in use: refused; gone: device error; an
     * emulated drive's unusable image) is a failed check for it, so one drive never hides the others.
     */
    private void drive(String device, String target, List<Check> checks, List<DriveFamily> seen) throws OdflashException {
        // the same open as every command, so --trace records what doctor sends
        try (Device d = opener.open(target)) {
            DriveDoctor.Outcome o = DriveDoctor.check(d, target, ctx.drives(), DoctorChecks::fixFor);
            checks.addAll(o.checks());
            o.family().ifPresent(seen::add);
        } catch (OdflashException e) {
            if (device != null && OutcomeText.exitCode(e.failure()) == ExitCode.USAGE) {
                throw e; // a bad --device spec is the run's error; a drive the OS shows failing to open is that drive's
            }
            checks.add(Check.fail("INQUIRY", target, OutcomeText.message(e.failure()), e.getCause() instanceof TransportException t
                    ? fixFor(t) : "check the cable or USB connection and power-cycle the drive"));
        }
    }

    private static String fixFor(TransportException e) {
        return switch (e.kind()) {
            case PERMISSION -> "see the message: join the owning group, add the udev rule, or run with sudo";
            case BUSY -> "close burning software and media players, unmount the disc, wait for another odflash";
            case NOT_SCSI -> "use the drive's /dev/sgN or /dev/srN node (`odflash list`)";
            case TIMEOUT, NO_ANSWER -> "power-cycle the drive and check the cable or USB connection";
            default -> "run again with --debug and report it";
        };
    }

    /**
     * Whether libflashrom loads (loading it runs no programmer): needed only for flashrom: devices, so its absence
     * fails doctor only when such a device was given.
     */
    private static Check libflashrom(boolean needed) {
        var problem = ExternalProgrammers.libraryProblem();
        if (problem.isEmpty()) {
            return Check.ok("libflashrom", "", "libflashrom loads: flashrom:PROGRAMMER devices (external programmer"
                    + " clips) are available");
        }
        String fix = "install the package " + ExternalProgrammers.libraryPackage() + " (apt install "
                + ExternalProgrammers.libraryPackage() + ")";
        return needed ? Check.fail("libflashrom", "", TerminalText.visible(problem.get()), fix)
                : Check.info("libflashrom", "", TerminalText.visible(problem.get()) + "; only flashrom: devices need it");
    }
}
