package dev.odflash.nativeio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds optical drives the way redumper does on Linux (protocols.md §1.1): SCSI devices under
 * /sys/bus/scsi/devices whose {@code type} is 5 (CD/DVD), with their sr/sg nodes and INQUIRY strings
 * as the kernel cached them. Reading sysfs needs no pass-through; opening a drive does (SG_IO, a
 * later version). Other operating systems: nothing found yet.
 */
public final class OpticalDriveScan {
    public record Found(String device, String vendor, String product, String revision, String busPath) {
    }

    private OpticalDriveScan() {
    }

    public static List<Found> scan() {
        return scan(Path.of("/sys/bus/scsi/devices"));
    }

    static List<Found> scan(Path devices) {
        List<Found> out = new ArrayList<>();
        if (!Files.isDirectory(devices)) {
            return out;
        }
        try (Stream<Path> entries = Files.list(devices)) {
            for (Path dev : entries.sorted().toList()) {
                if (!"5".equals(read(dev.resolve("type")))) {
                    continue;
                }
                String node = firstChild(dev.resolve("scsi_generic")).or(() -> firstChild(dev.resolve("block")))
                        .map(n -> "/dev/" + n).orElse(dev.getFileName().toString());
                String bus;
                try {
                    bus = dev.toRealPath().toString().contains("/usb") ? "USB" : "ATA/SCSI " + dev.getFileName();
                } catch (IOException e) {
                    bus = dev.getFileName().toString();
                }
                out.add(new Found(node, read(dev.resolve("vendor")), read(dev.resolve("model")), read(dev.resolve("rev")), bus));
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static java.util.Optional<String> firstChild(Path dir) {
        if (!Files.isDirectory(dir)) {
            return java.util.Optional.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
