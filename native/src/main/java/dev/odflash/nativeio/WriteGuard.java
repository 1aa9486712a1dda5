package dev.odflash.nativeio;

import dev.odflash.nativeio.linux.Errno;
import dev.odflash.nativeio.linux.Libc;
import dev.odflash.nativeio.linux.LinuxDrive;
import dev.odflash.nativeio.linux.LinuxIo;
import dev.odflash.transport.Device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * While a drive is written, keeps the rest of the machine away from it, as fwupd does (docs/architecture.md
 * "During a write"): a logind inhibitor (sleep, shutdown, idle), the USB bridge's runtime power management
 * held on, the drive's block node opened exclusively (refused while a disc is mounted), the kernel's media
 * polling suspended; everything is restored on {@link Held#close()}. Where a step lacks the privilege it is
 * reported in {@link Held#lacking()} and the write goes on. Linux only; all paths are injectable for tests.
 */
public final class WriteGuard {
    /** Where the guard looks and what it runs (tests give a fake tree and a fake systemd-inhibit). */
    public record Paths(Path sys, Path proc, Path run, List<String> inhibit) {
        public Paths {
            inhibit = List.copyOf(inhibit);
        }

        public static Paths system() {
            return new Paths(Path.of("/sys"), Path.of("/proc"), Path.of("/run"), List.of("systemd-inhibit"));
        }

        /** A fake root's layout: {@code sys} with {@code proc} and {@code run} beside it (the hidden --sysfs). */
        public static Paths besides(Path sys) {
            return new Paths(sys, sys.resolveSibling("proc"), sys.resolveSibling("run"), List.of("systemd-inhibit"));
        }
    }

    /** A condition under which the drive must not be written (a mounted disc, another exclusive user). */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    /** What the guard holds; closing it restores what it changed, in reverse order. */
    public interface Held extends AutoCloseable {
        /** What is held, in words (for the run log). */
        List<String> held();

        /** What could not be held and why (the privilege missing); the write goes on without it. */
        List<String> lacking();

        @Override
        void close();
    }

    private final Paths paths;
    private final LinuxIo io;
    private final List<String> held = new ArrayList<>();
    private final List<String> lacking = new ArrayList<>();
    private final List<Runnable> undo = new ArrayList<>();

    private WriteGuard(Paths paths, LinuxIo io) {
        this.paths = paths;
        this.io = io;
    }

    /** Holds the guard for a real Linux drive; for any other device, holds nothing. */
    public static Optional<Held> forDevice(Device device, Paths paths) throws Refused {
        if (!(device instanceof LinuxDrive d)) {
            return Optional.empty();
        }
        return Optional.of(hold(d.spec(), d.discovered(), paths, Libc.get()));
    }

    /** The guard for the drive opened as {@code spec}, as sysfs describes it ({@code drive}). */
    public static Held hold(String spec, Optional<DiscoveredDrive> drive, Paths paths, LinuxIo io) throws Refused {
        WriteGuard g = new WriteGuard(paths, io);
        try {
            if (drive.isEmpty()) {
                g.lacking.add("sysfs does not list " + spec + " as an optical drive: no exclusive block node, runtime"
                        + " power or media polling to hold");
            } else {
                g.blockNode(spec, drive.get());
                g.runtimePower(drive.get());
            }
            g.inhibitor(drive.map(d -> d.vendor() + " " + d.product()).orElse(spec));
        } catch (Refused | RuntimeException e) {
            g.restore();
            throw e;
        }
        return new Held() {
            @Override
            public List<String> held() {
                return List.copyOf(g.held);
            }

            @Override
            public List<String> lacking() {
                return List.copyOf(g.lacking);
            }

            @Override
            public void close() {
                g.restore();
            }
        };
    }

    private void restore() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
        }
        undo.clear();
    }

    /** The sysfs directory of the drive's block device (sr0), under its SCSI device. */
    private Optional<Path> blockDir(DiscoveredDrive d) {
        return d.blockNode().map(n -> paths.sys().resolve("bus/scsi/devices").resolve(d.id()).resolve("block")
                .resolve(Path.of(n).getFileName().toString()));
    }

    /**
     * Refuses while a disc in the drive is mounted (/proc/self/mountinfo, field 3 is the mount's
     * major:minor); then opens /dev/srN with O_EXCL, which the kernel refuses (EBUSY) to anyone else
     * that opens it exclusively, a mount included, until this descriptor is closed.
     */
    private void blockNode(String spec, DiscoveredDrive d) throws Refused {
        if (d.blockNode().isEmpty()) {
            return;
        }
        String node = d.blockNode().get();
        Optional<String> dev = blockDir(d).flatMap(b -> read(b.resolve("dev")));
        if (dev.isPresent()) {
            Optional<String> mountPoint = mountedAt(dev.get());
            if (mountPoint.isPresent()) {
                throw new Refused("the disc in " + node + " is mounted at " + mountPoint.get() + ": unmount it (umount "
                        + mountPoint.get() + ") and take it out before flashing");
            }
        }
        if (same(spec, node)) {
            held.add(node + " held exclusively (the node the drive was opened by)");
            return;
        }
        LinuxIo.Outcome o = io.open(node, LinuxIo.O_RDONLY | LinuxIo.O_NONBLOCK | LinuxIo.O_EXCL | LinuxIo.O_CLOEXEC);
        if (!o.failed()) {
            held.add(node + " opened exclusively");
            undo.add(() -> io.close(o.rc()));
            return;
        }
        if (o.errno() == Errno.EBUSY) {
            throw new Refused(node + " is open exclusively by another program (a burner, a mount): close it before"
                    + " flashing");
        }
        lacking.add("cannot open " + node + " exclusively (" + Errno.name(o.errno()) + (o.errno() == Errno.EACCES
                ? ": no read permission on it" : "") + "): other programs may still open the drive's block node");
    }

    private Optional<String> mountedAt(String majorMinor) {
        try {
            for (String line : Files.readAllLines(paths.proc().resolve("self/mountinfo"), StandardCharsets.UTF_8)) {
                String[] f = line.split(" ");
                if (f.length > 4 && f[2].equals(majorMinor)) {
                    return Optional.of(f[4].replace("\\040", " "));
                }
            }
        } catch (IOException e) {
            lacking.add("cannot read " + paths.proc().resolve("self/mountinfo") + " (" + e.getMessage()
                    + "): whether a disc is mounted is not checked");
        }
        return Optional.empty();
    }

    /**
     * A USB bridge that autosuspends can drop the drive mid-write: {@code power/control} of the USB device
     * is set to {@code on} and put back; the kernel's media polling of the block device
     * ({@code events_poll_msecs}, 0 = off) is suspended and put back.
     */
    private void runtimePower(DiscoveredDrive d) {
        blockDir(d).ifPresent(b -> setAndRestore(b.resolve("events_poll_msecs"), "0", "media polling of "
                + d.blockNode().orElseThrow() + " suspended", "cannot suspend the kernel's media polling of "
                + d.blockNode().orElseThrow()));
        if (!d.bus().viaUsb()) {
            return;
        }
        usbDevice(d).ifPresentOrElse(u -> setAndRestore(u.resolve("power/control"), "on",
                        "USB runtime power management of the bridge held on", "cannot keep the USB bridge awake"),
                () -> lacking.add("the USB device of " + d.id() + " is not found in sysfs: its runtime power"
                        + " management is left as it is"));
    }

    private Optional<Path> usbDevice(DiscoveredDrive d) {
        try {
            Path real = paths.sys().resolve("bus/scsi/devices").resolve(d.id()).toRealPath();
            for (Path p = real.getParent(); p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("idVendor")) && Files.isRegularFile(p.resolve("idProduct"))) {
                    return Optional.of(p);
                }
            }
        } catch (IOException e) {
            // not found: reported by the caller
        }
        return Optional.empty();
    }

    private void setAndRestore(Path file, String value, String heldWords, String lackingWords) {
        Optional<String> old = read(file);
        if (old.isEmpty()) {
            lacking.add(lackingWords + ": " + file + " is missing");
            return;
        }
        if (old.get().equals(value)) {
            held.add(heldWords + " (it already was)");
            return;
        }
        try {
            Files.writeString(file, value + "\n");
        } catch (IOException e) {
            lacking.add(lackingWords + ": " + file + " is not writable (" + e.getClass().getSimpleName()
                    + "; needs root or the udev rule)");
            return;
        }
        held.add(heldWords);
        undo.add(() -> {
            try {
                Files.writeString(file, old.get() + "\n");
            } catch (IOException e) {
                // the device went away or the tree changed: nothing left to put back
            }
        });
    }

    /**
     * A logind inhibitor lock (sleep, shutdown, idle) when logind runs (/run/systemd/seats exists): a
     * {@code systemd-inhibit} child that holds the lock as long as its {@code cat} reads odflash's pipe, so
     * the lock goes with odflash however it ends (a SIGKILL closes the pipe too).
     */
    private void inhibitor(String what) {
        if (!Files.isDirectory(paths.run().resolve("systemd/seats"))) {
            held.add("no logind on this machine: no inhibitor to take");
            return;
        }
        List<String> cmd = new ArrayList<>(paths.inhibit());
        cmd.addAll(List.of("--what=sleep:shutdown:idle", "--who=odflash", "--why=flashing the firmware of "
                + what.strip() + ": do not power off or unplug the drive", "--mode=block", "cat"));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            lacking.add("no logind inhibitor: " + cmd.getFirst() + " cannot be run (" + e.getMessage() + ")");
            return;
        }
        try {
            if (p.waitFor(300, TimeUnit.MILLISECONDS)) { // a refusal (polkit, no bus) comes at once
                String why = new String(p.getErrorStream().readNBytes(300), StandardCharsets.UTF_8).strip();
                lacking.add("no logind inhibitor: systemd-inhibit exited with " + p.exitValue()
                        + (why.isEmpty() ? "" : " (" + why.lines().findFirst().orElse("") + ")")
                        + "; sleep and shutdown are not held off");
                return;
            }
        } catch (InterruptedException | IOException e) {
            p.destroy();
            lacking.add("no logind inhibitor: " + e.getMessage());
            return;
        }
        held.add("logind inhibitor (sleep, shutdown, idle) held by PID " + p.pid());
        undo.add(() -> {
            try {
                p.getOutputStream().close(); // cat ends, systemd-inhibit releases the lock
                if (!p.waitFor(2, TimeUnit.SECONDS)) {
                    p.destroy();
                    p.waitFor(2, TimeUnit.SECONDS);
                }
            } catch (IOException | InterruptedException e) {
                p.destroyForcibly();
            }
        });
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean same(String a, String b) {
        try {
            return Path.of(a).toRealPath().equals(Path.of(b).toRealPath());
        } catch (IOException e) {
            return a.equals(b);
        }
    }
}
