package dev.odflash.nativeio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds optical drives on Linux from sysfs, the way redumper does (docs/protocols.md §1.1): SCSI devices
 * under {@code /sys/bus/scsi/devices} whose {@code type} is 5 (SPC peripheral device type CD/DVD), with
 * their {@code scsi_generic} (sg) and {@code block} (sr) children, the INQUIRY strings the kernel
 * cached ({@code vendor}, {@code model}, {@code rev}) and the bus path read from the device's real
 * sysfs path: an {@code ataN} component (libata port) or a USB device directory above it holding
 * {@code idVendor}/{@code idProduct}. Nothing is sent to the drives.
 */
public final class OpticalDriveScan {
    /** SPC-4 peripheral device type 5: CD/DVD device. */
    static final String TYPE_CD_DVD = "5";

    private OpticalDriveScan() {
    }

    /** The drives of this machine (Linux sysfs; Windows: \\.\CdRomN; elsewhere none). */
    public static List<DiscoveredDrive> scan() {
        if (Platform.current() == Platform.WINDOWS) {
            return dev.odflash.nativeio.windows.CdRomEnumeration.scan();
        }
        return scan(Path.of("/sys"));
    }

    /** Scans a sysfs tree rooted at {@code sys} (tests pass a fake one). */
    public static List<DiscoveredDrive> scan(Path sys) {
        Path devices = sys.resolve("bus/scsi/devices");
        List<DiscoveredDrive> out = new ArrayList<>();
        if (!Files.isDirectory(devices)) {
            return out;
        }
        try (Stream<Path> entries = Files.list(devices)) {
            for (Path dev : entries.sorted().toList()) {
                if (TYPE_CD_DVD.equals(read(dev.resolve("type")))) {
                    out.add(describe(dev));
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** The drive a node such as /dev/sg0, /dev/sr0 or /dev/cdrom (a link to sr0) belongs to. */
    public static Optional<DiscoveredDrive> forNode(Path sys, String node) {
        String name = realName(node);
        return scan(sys).stream().filter(d -> d.genericNode().map(n -> n.equals("/dev/" + name)).orElse(false)
                || d.blockNode().map(n -> n.equals("/dev/" + name)).orElse(false)).findFirst();
    }

    private static String realName(String node) {
        try {
            return Path.of(node).toRealPath().getFileName().toString();
        } catch (IOException e) {
            return Path.of(node).getFileName().toString();
        }
    }

    private static DiscoveredDrive describe(Path dev) {
        Optional<String> sg = firstChild(dev.resolve("scsi_generic")).map(n -> "/dev/" + n);
        Optional<String> block = firstChild(dev.resolve("block"));
        long max = block.map(b -> parseLong(read(dev.resolve("block").resolve(b).resolve("queue/max_sectors_kb"))) * 1024)
                .orElse(0L);
        return new DiscoveredDrive(dev.getFileName().toString(), sg, block.map(n -> "/dev/" + n),
                read(dev.resolve("vendor")), read(dev.resolve("model")), read(dev.resolve("rev")), busPath(dev), max);
    }

    static BusPath busPath(Path dev) {
        Path real;
        try {
            real = dev.toRealPath();
        } catch (IOException e) {
            return BusPath.unknown("SCSI " + dev.getFileName());
        }
        for (Path p = real.getParent(); p != null && p.getFileName() != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("idVendor")) && Files.isRegularFile(p.resolve("idProduct"))) {
                String name = (read(p.resolve("manufacturer")) + " " + read(p.resolve("product"))).strip();
                return BusPath.usb(read(p.resolve("idVendor")), read(p.resolve("idProduct")), name);
            }
        }
        String host = null;
        for (Path part : real) {
            String s = part.toString();
            if (s.matches("ata\\d+")) {
                return BusPath.ata(s);
            }
            if (host == null && s.matches("host\\d+")) {
                host = s;
            }
        }
        return host != null ? BusPath.scsi(host) : BusPath.unknown("SCSI " + dev.getFileName());
    }

    private static Optional<String> firstChild(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
