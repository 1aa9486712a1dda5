package dev.odflash.emulator.gadget;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The device nodes the kernel made for the gadget: the SCSI generic device whose sysfs device sits below the dummy
 * host controller (its path runs through {@code dummy_hcd.0}), and the block device of the same SCSI device.
 */
public record GadgetNodes(String sg, Optional<String> sr) {
    /** The nodes, once the host side has scanned the gadget. */
    public static Optional<GadgetNodes> find(GadgetHost host) {
        Path classSg = host.root().resolve("sys/class/scsi_generic");
        if (!Files.isDirectory(classSg)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(classSg)) {
            for (Path sg : entries.sorted().toList()) {
                Path device = sg.resolve("device");
                Path real;
                try {
                    real = device.toRealPath();
                } catch (IOException e) {
                    continue;
                }
                if (!real.toString().contains("dummy_hcd")) {
                    continue;
                }
                return Optional.of(new GadgetNodes("/dev/" + sg.getFileName(), blockOf(real)));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<String> blockOf(Path scsiDevice) {
        try (Stream<Path> blocks = Files.list(scsiDevice.resolve("block"))) {
            return blocks.map(p -> "/dev/" + p.getFileName()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
