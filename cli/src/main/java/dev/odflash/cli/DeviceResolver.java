package dev.odflash.cli;

import dev.odflash.chip.ChipTable;
import dev.odflash.emulator.EmulatedDrives;
import dev.odflash.emulator.EmulatorProfile;
import dev.odflash.emulator.EmulatorProfiles;
import dev.odflash.emulator.EmulatorSpec;
import dev.odflash.emulator.replay.ReplayDevice;
import dev.odflash.nativeio.ExternalProgrammers;
import dev.odflash.nativeio.NativeDevices;
import dev.odflash.ops.OdflashException;
import dev.odflash.transport.Device;
import dev.odflash.transport.TransportException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The composition root's device-spec resolver: turns {@code emu:...}, {@code /dev/sgN},
 * {@code /dev/srN}, {@code \\.\CdRomN}, {@code replay:...} and {@code flashrom:...} into a
 * {@link Device}. Commands never reach protocol or transport code except through this.
 */
public final class DeviceResolver {
    private DeviceResolver() {
    }

    public static Device open(String spec, ChipTable chips) throws OdflashException {
        if (spec == null || spec.isBlank()) {
            throw OdflashException.usage("--device is empty");
        }
        if (EmulatorSpec.isEmulator(spec)) {
            try {
                String profile = EmulatorSpec.parse(spec).profile();
                if (EmulatorProfiles.byName(profile).isEmpty()) {
                    java.util.List<String> known = EmulatorProfiles.all().stream().map(EmulatorProfile::name).toList();
                    throw OdflashException.usage("device " + spec + ": unknown emulator profile '" + profile + "'"
                            + DidYouMean.suffix(profile, known) + " (known: " + String.join(", ", known) + ")");
                }
                return EmulatedDrives.open(spec, chips);
            } catch (IllegalArgumentException e) {
                throw OdflashException.usage("device " + spec + ": " + e.getMessage());
            } catch (IOException e) {
                throw OdflashException.usage("device " + spec + ": cannot use the image file: " + ioReason(e));
            } catch (TransportException e) {
                throw opening(e);
            }
        }
        if (NativeDevices.isLinuxNode(spec) || NativeDevices.isWindowsName(spec)) {
            if (NativeDevices.isLinuxNode(spec) && !Files.exists(Path.of(spec))) {
                throw new OdflashException(new dev.odflash.ops.Failure.DeviceFailure("no such device: " + spec
                        + " (`odflash list` shows the drives)", java.util.Optional.of(TransportException.Kind.NO_DEVICE),
                        java.util.OptionalInt.empty(), java.util.Optional.of("open")));
            }
            try {
                return NativeDevices.open(spec, System.getenv());
            } catch (TransportException e) {
                throw opening(e);
            }
        }
        // --- issue 14 §3: the Linux raw port forms ---
        if (dev.odflash.nativeio.PortForm.isPortForm(spec)) {
            dev.odflash.nativeio.PortMachine machine = PortMachines.current();
            dev.odflash.nativeio.PortForm.Resolved target = resolvePort(spec, machine.roots());
            try {
                return dev.odflash.nativeio.PortDevices.open(target, machine, node -> inquire(node, machine));
            } catch (TransportException e) {
                throw opening(e);
            }
        }
        // --- end issue 14 §3 ---
        if (spec.startsWith(ReplayDevice.PREFIX)) {
            try {
                return ReplayDevice.open(spec);
            } catch (IllegalArgumentException | IOException e) {
                throw OdflashException.usage("device " + spec + ": " + e.getMessage());
            }
        }
        if (ExternalProgrammers.isSpec(spec)) {
            try {
                return ExternalProgrammers.open(spec); // libflashrom loads here, on first use (issue 15)
            } catch (IllegalArgumentException e) {
                throw OdflashException.usage("device " + spec + ": " + e.getMessage());
            } catch (TransportException e) {
                throw opening(e); // without the library: exit 3, naming the package
            }
        }
        throw OdflashException.usage("unrecognised device spec '" + spec + "' (forms: /dev/sgN, /dev/srN, \\\\.\\CdRomN,"
                + " emu:<profile>[?chip=NAME&image=FILE...], replay:TRACE, port:/dev/sgN, port:1-4, port:0xBASE:master|slave, flashrom:PROGRAMMER[:PARAMS])");
    }

    /** What a port form names on this machine's IDE channels; a form naming none is a usage error. */
    static dev.odflash.nativeio.PortForm.Resolved resolvePort(String spec, dev.odflash.nativeio.PortDevices.Roots roots)
            throws OdflashException {
        try {
            return dev.odflash.nativeio.PortDevices.resolve(spec, roots);
        } catch (dev.odflash.nativeio.PortForm.Unresolved e) {
            throw OdflashException.usage("device " + spec + ": " + e.getMessage());
        }
    }

    /** INQUIRY through SG_IO after a port session: the drive's identity, or why it did not answer. */
    private static String inquire(String node, dev.odflash.nativeio.PortMachine machine) throws TransportException {
        try (Device d = machine.nodes().open(node)) {
            dev.odflash.protocol.InquiryData q = new dev.odflash.protocol.Spc(d.scsi()).inquiry(36);
            return (q.vendor().strip() + " " + q.product().strip() + " " + q.revision().strip()).strip();
        } catch (dev.odflash.protocol.ScsiCommandException e) {
            throw new TransportException(TransportException.Kind.NO_ANSWER, "INQUIRY failed: " + e.getMessage());
        }
    }

    /** An I/O failure as a user reads it: the file and why ("permission denied"), not just the path. */
    static String ioReason(IOException e) {
        return switch (e) {
            case java.nio.file.NoSuchFileException n -> n.getFile() + ": no such file or directory";
            case java.nio.file.AccessDeniedException a -> a.getFile() + ": permission denied";
            case java.nio.file.FileSystemException f when f.getReason() != null -> f.getFile() + ": " + f.getReason();
            default -> String.valueOf(e.getMessage());
        };
    }

    /**
     * A drive that could not be opened: held by another odflash or program (BUSY, "in use by PID n")
     * is a refusal, exit 4, for every command; anything else is a device error, exit 3.
     */
    static OdflashException opening(TransportException e) {
        return OdflashException.device(e.getMessage(), e, "open"); // OutcomeText: BUSY is exit 4
    }
}
