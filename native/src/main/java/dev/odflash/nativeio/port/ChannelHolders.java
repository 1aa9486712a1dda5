package dev.odflash.nativeio.port;

import dev.odflash.nativeio.IdeChannel;
import dev.odflash.nativeio.IdeDrive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Who uses the devices of a PCI function, read from /proc and sysfs: a mount (mountinfo's major:minor), a swap
 * area (/proc/swaps), a holder (md/dm: the block device's {@code holders} directory) or an open file descriptor of
 * any process (/proc/PID/fd). Unbinding the function would pull these devices from under their users, so any one
 * of them is a reason to refuse. What cannot be read is a reason too: a check that could not look has not
 * proved anything.
 */
public final class ChannelHolders {
    private static final int MAX_FILE = 1 << 20;

    private ChannelHolders() {
    }

    /** Every reason the channels' devices are not free; empty when every one is unused. */
    public static List<String> reasons(List<IdeChannel> channels, Path sys, Path proc) {
        Set<String> names = new HashSet<>(); // "sr0", "sda", "sda1", "sg1"
        List<String> reasons = new ArrayList<>();
        for (IdeChannel c : channels) {
            for (IdeDrive d : c.drives()) {
                d.genericNode().ifPresent(n -> names.add(base(n)));
                d.blockNode().ifPresent(n -> names.add(base(n)));
                names.addAll(d.partitions());
                String what = d.address() + " (" + d.blockNode().or(d::genericNode).orElse("no node") + ")";
                Optional<String> block = d.blockNode().map(ChannelHolders::base);
                if (block.isPresent()) {
                    List<String> all = new ArrayList<>(List.of(block.get()));
                    all.addAll(d.partitions());
                    for (String b : all) {
                        Path dir = sys.resolve("class/block").resolve(b);
                        holders(dir).ifPresent(h -> reasons.add(what + ": /dev/" + b + " is held by " + h
                                + " (md/dm); stop it first"));
                    }
                }
            }
        }
        if (names.isEmpty()) {
            return reasons;
        }
        mounts(channels, sys, proc, reasons);
        swaps(names, proc, reasons);
        openFiles(names, proc, reasons);
        return reasons;
    }

    private static Optional<String> holders(Path blockDir) {
        Path h = blockDir.resolve("holders");
        if (!Files.isDirectory(h)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(h)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            return names.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", names));
        } catch (IOException e) {
            return Optional.of("(cannot read " + h + ")");
        }
    }

    /** Mounts as this process's mount namespace shows them (a container's own mounts elsewhere are not seen). */
    private static void mounts(List<IdeChannel> channels, Path sys, Path proc, List<String> reasons) {
        Set<String> numbers = new HashSet<>();
        List<String> blocks = new ArrayList<>();
        for (IdeChannel c : channels) {
            for (IdeDrive d : c.drives()) {
                d.blockNode().map(ChannelHolders::base).ifPresent(blocks::add);
                blocks.addAll(d.partitions());
            }
        }
        for (String b : blocks) {
            read(sys.resolve("class/block").resolve(b).resolve("dev")).map(String::strip)
                    .ifPresent(n -> numbers.add(n + " " + b));
        }
        if (numbers.isEmpty()) {
            return;
        }
        Optional<String> info = read(proc.resolve("self/mountinfo"));
        if (info.isEmpty()) {
            reasons.add("cannot read /proc/self/mountinfo to check mounts");
            return;
        }
        for (String line : info.get().split("\n")) {
            String[] f = line.split(" ");
            if (f.length < 5) {
                continue;
            }
            for (String n : numbers) {
                String[] nb = n.split(" ");
                if (f[2].equals(nb[0])) {
                    reasons.add("/dev/" + nb[1] + " is mounted on " + f[4]);
                }
            }
        }
    }

    private static void swaps(Set<String> names, Path proc, List<String> reasons) {
        Optional<String> swaps = read(proc.resolve("swaps"));
        if (swaps.isEmpty()) {
            return; // no swap support in the kernel: nothing can be a swap area
        }
        for (String line : swaps.get().split("\n")) {
            String first = line.split("\\s+")[0];
            if (first.startsWith("/dev/") && names.contains(base(first))) {
                reasons.add(first + " is a swap area");
            }
        }
    }

    private static void openFiles(Set<String> names, Path proc, List<String> reasons) {
        List<Path> pids;
        try (Stream<Path> s = Files.list(proc)) {
            pids = s.filter(p -> p.getFileName().toString().matches("[0-9]{1,10}")).sorted().toList();
        } catch (IOException e) {
            reasons.add("cannot list " + proc + " to check open files");
            return;
        }
        for (Path pid : pids) {
            Path fds = pid.resolve("fd");
            List<Path> entries;
            try (Stream<Path> s = Files.list(fds)) {
                entries = s.toList();
            } catch (java.nio.file.NoSuchFileException e) {
                continue; // the process ended
            } catch (IOException e) {
                reasons.add("cannot read the open files of process " + pid.getFileName() + " (" + e.getClass()
                        .getSimpleName() + "): run as root");
                continue;
            }
            for (Path fd : entries) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("/dev/") && names.contains(base(target))) {
                        reasons.add(target + " is open in process " + pid.getFileName() + " (" + command(pid) + ")");
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // a descriptor closed while we looked
                }
            }
        }
    }

    private static String command(Path pid) {
        return read(pid.resolve("comm")).map(String::strip).orElse("?");
    }

    private static String base(String node) {
        return node.substring(node.lastIndexOf('/') + 1);
    }

    private static Optional<String> read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            byte[] b = Files.readAllBytes(file);
            return b.length > MAX_FILE ? Optional.empty() : Optional.of(new String(b, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
