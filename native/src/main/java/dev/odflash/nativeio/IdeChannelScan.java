package dev.odflash.nativeio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the IDE channels of this machine in sysfs, touching no port: every PCI function of class 0x0101 (mass
 * storage, IDE interface), its channels and the devices libata attached on each.
 *
 * <p>Where a channel's registers are follows the PCI IDE Controller Specification 1.0, §2 "programming
 * interface": bit 0 (primary) and bit 2 (secondary) of the class code's low byte set mean "native mode", where
 * BAR0/BAR1 (primary) and BAR2/BAR3 (secondary) hold the command block and the control block (the Device Control
 * register is at the control block's base + 2); clear means "compatibility mode" on the ISA ports 0x1F0/0x3F6 and
 * 0x170/0x376. The BARs are read from the function's {@code resource} file (start, end, flags per line;
 * IORESOURCE_IO = 0x100, include/linux/ioport.h). SATA controllers in IDE mode report this class too.
 *
 * <p>Which channel a device sits on comes from libata's {@code ataN/ata_port/ataN/port_no} (1 for the first port
 * of the host, drivers/ata/libata-transport.c); master or slave from the SCSI target id libata gives a PATA device
 * (its device number, drivers/ata/libata-scsi.c). Anything unexpected leaves the channel or device out rather
 * than guessing.
 */
public final class IdeChannelScan {
    static final int IDE_CLASS = 0x0101;
    static final int LEGACY_PRIMARY = 0x1F0;
    static final int LEGACY_PRIMARY_CONTROL = 0x3F6;
    static final int LEGACY_SECONDARY = 0x170;
    static final int LEGACY_SECONDARY_CONTROL = 0x376;
    private static final long IORESOURCE_IO = 0x100;
    private static final Pattern FUNCTION = Pattern.compile("[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]");
    private static final Pattern ATA_PORT = Pattern.compile("ata[0-9]{1,4}");
    private static final Pattern SCSI_ADDRESS = Pattern.compile("([0-9]{1,5}):([0-9]{1,5}):([0-9]{1,5}):([0-9]{1,5})");
    /** sysfs attribute files are small; anything larger is not what we expect. */
    private static final int MAX_ATTRIBUTE = 4096;

    private IdeChannelScan() {
    }

    /** Every IDE channel under {@code sys} (normally /sys), ordered by function and channel. */
    public static List<IdeChannel> scan(Path sys) {
        Path devices = sys.resolve("bus/pci/devices");
        List<IdeChannel> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(devices)) {
            for (Path link : s.sorted().toList()) {
                String fn = link.getFileName().toString();
                if (!FUNCTION.matcher(fn).matches()) {
                    continue;
                }
                out.addAll(channelsOf(sys, fn));
            }
        } catch (IOException e) {
            return List.of();
        }
        return out;
    }

    /** The channels of one function; empty when it is not an IDE-class function or its resources do not parse. */
    public static List<IdeChannel> channelsOf(Path sys, String fn) {
        Path dir = sys.resolve("bus/pci/devices").resolve(fn);
        Optional<Integer> classCode = attribute(dir.resolve("class")).flatMap(IdeChannelScan::hex);
        if (classCode.isEmpty() || (classCode.get() >> 8) != IDE_CLASS) {
            return List.of();
        }
        int progIf = classCode.get() & 0xFF;
        List<long[]> bars = resources(dir.resolve("resource"));
        Optional<String> driver = driver(dir);
        List<IdeDrive> attached = drives(dir);
        List<IdeChannel> out = new ArrayList<>();
        for (int index = 0; index < 2; index++) {
            boolean nativeMode = (progIf & (index == 0 ? 0x01 : 0x04)) != 0;
            int command;
            int control;
            if (nativeMode) {
                Optional<Integer> cmd = ioBar(bars, index * 2, 8);
                Optional<Integer> ctl = ioBar(bars, index * 2 + 1, 4);
                if (cmd.isEmpty() || ctl.isEmpty()) {
                    continue; // a native channel whose BARs are not I/O ports of the expected size: left out
                }
                command = cmd.get();
                control = ctl.get() + 2;
            } else {
                command = index == 0 ? LEGACY_PRIMARY : LEGACY_SECONDARY;
                control = index == 0 ? LEGACY_PRIMARY_CONTROL : LEGACY_SECONDARY_CONTROL;
            }
            int channel = index;
            out.add(new IdeChannel(fn, index, command, control, !nativeMode, driver,
                    attached.stream().filter(d -> channelOf(dir, d) == channel).toList()));
        }
        return out;
    }

    private static Optional<Integer> ioBar(List<long[]> bars, int bar, int minLength) {
        if (bar >= bars.size()) {
            return Optional.empty();
        }
        long[] r = bars.get(bar);
        boolean io = (r[2] & IORESOURCE_IO) != 0;
        if (!io || r[0] == 0 || r[1] < r[0] || r[1] - r[0] + 1 < minLength || r[1] > 0xFFFF) {
            return Optional.empty();
        }
        return Optional.of((int) r[0]);
    }

    private static List<long[]> resources(Path file) {
        List<long[]> out = new ArrayList<>();
        for (String line : attribute(file).orElse("").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 3) {
                break;
            }
            try {
                out.add(new long[] {Long.decode(f[0]), Long.decode(f[1]), Long.decode(f[2])});
            } catch (NumberFormatException e) {
                break;
            }
        }
        return out;
    }

    /** The driver bound to a PCI function: the name its {@code driver} link points to. */
    public static Optional<String> driver(Path functionDir) {
        Path link = functionDir.resolve("driver");
        if (!Files.exists(link)) {
            return Optional.empty();
        }
        try {
            return Optional.of(link.toRealPath().getFileName().toString());
        } catch (IOException e) {
            return Optional.of("unknown");
        }
    }

    /** The libata port directories (ataN) under a function, with the devices on them. */
    private static List<IdeDrive> drives(Path function) {
        List<IdeDrive> out = new ArrayList<>();
        for (Path ata : children(function, ATA_PORT)) {
            for (Path host : children(ata, Pattern.compile("host[0-9]{1,5}"))) {
                for (Path target : children(host, Pattern.compile("target[0-9:]{5,20}"))) {
                    for (Path dev : children(target, SCSI_ADDRESS)) {
                        device(ata.getFileName().toString(), dev).ifPresent(out::add);
                    }
                }
            }
        }
        out.sort(Comparator.comparing(IdeDrive::address));
        return out;
    }

    private static Optional<IdeDrive> device(String ataPort, Path dev) {
        Matcher m = SCSI_ADDRESS.matcher(dev.getFileName().toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        int target = Integer.parseInt(m.group(3));
        if (target > 1) {
            return Optional.empty(); // not a PATA master/slave position
        }
        int type = attribute(dev.resolve("type")).flatMap(IdeChannelScan::decimal).orElse(-1);
        Optional<String> sg = children(dev.resolve("scsi_generic"), Pattern.compile("sg[0-9]{1,5}")).stream()
                .findFirst().map(p -> "/dev/" + p.getFileName());
        Optional<Path> blockDir = children(dev.resolve("block"), Pattern.compile("(sd[a-z]{1,4}|sr[0-9]{1,5})"))
                .stream().findFirst();
        List<String> partitions = blockDir.map(b -> children(b, Pattern.compile("(sd[a-z]{1,4})[0-9]{1,3}")).stream()
                .filter(p -> Files.exists(p.resolve("partition"))).map(p -> p.getFileName().toString()).toList())
                .orElse(List.of());
        return Optional.of(new IdeDrive(target, dev.getFileName().toString(), ataPort, type,
                attribute(dev.resolve("vendor")).orElse("").strip(), attribute(dev.resolve("model")).orElse("").strip(),
                sg, blockDir.map(b -> "/dev/" + b.getFileName()), partitions));
    }

    /** The channel (0 or 1) a device's libata port is, from its port_no; -1 when sysfs does not say. */
    private static int channelOf(Path function, IdeDrive d) {
        Path portNo = function.resolve(d.ataPort()).resolve("ata_port").resolve(d.ataPort()).resolve("port_no");
        return attribute(portNo).flatMap(IdeChannelScan::decimal).map(n -> n - 1).filter(n -> n == 0 || n == 1).orElse(-1);
    }

    private static List<Path> children(Path dir, Pattern names) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> names.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static Optional<String> attribute(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_ATTRIBUTE) {
                return Optional.empty();
            }
            return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> hex(String s) {
        try {
            return Optional.of(Integer.decode(s.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> decimal(String s) {
        try {
            return Optional.of(Integer.parseInt(s.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
