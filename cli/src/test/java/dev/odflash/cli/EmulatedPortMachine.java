package dev.odflash.cli;

import dev.odflash.chip.ChipTable;
import dev.odflash.emulator.EmulatedDrive;
import dev.odflash.emulator.EmulatedDrives;
import dev.odflash.nativeio.PortDevices;
import dev.odflash.nativeio.PortMachine;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.Device;
import dev.odflash.transport.ForwardingDevice;
import dev.odflash.transport.ScsiTransport;
import dev.odflash.transport.TaskFile;
import dev.odflash.transport.TransportException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A machine for the port: forms, run in-process ({@link PortMachines#IN_PROCESS}): a sysfs and /proc tree laid out as
 * the kernel does for one PIIX IDE function in compatibility mode (the function linked from bus/pci/devices and bound
 * to ata_piix, libata ports ata1/ata2 with port_no, SCSI devices under ataN/hostH/targetH:0:T/H:0:T:0 with their sg
 * and block nodes, block class links, /proc/self/status with capabilities, mountinfo, swaps, processes' fds), and the
 * register-level emulated CRW-5224A at one channel and position behind {@link EmulatedPorts}. Unbinding removes the
 * driver link and the ata ports, as the kernel does; binding brings them back numbered anew (ata3/ata4). Each CLI
 * run opens the emulated drive (a power-on) and closes it after; what it counted is kept for the test.
 */
final class EmulatedPortMachine {
    static final String FN = "0000:00:01.1";

    /** A device the kernel lists on the function: channel 0/1, position 0/1. */
    record Listed(int channel, int position, int type, String vendor, String model, String sg, String block,
                  List<String> partitions) {
    }

    private final Path root;
    private final Path sys;
    private final Path proc;
    private final Path home;
    private final String emulator;
    private final int channel;
    private final int position;
    private final List<Listed> listed = new ArrayList<>();
    private int ataBase = 1;
    private boolean rebound;
    /** Whether the drive answers INQUIRY after the rebind. */
    boolean answersAfterRebind = true;
    final List<String> events = new ArrayList<>();
    final List<String> ports = new ArrayList<>();
    long writeCommands;

    /**
     * @param emulator the emulated drive's spec ({@code emu:asus-crw-5224a?image=...})
     * @param channel  0 primary (0x1F0), 1 secondary (0x170)
     */
    EmulatedPortMachine(Path root, Path home, String emulator, int channel, int position) throws IOException {
        this.root = root;
        this.home = home;
        this.sys = root.resolve("sys");
        this.proc = root.resolve("proc");
        this.emulator = emulator;
        this.channel = channel;
        this.position = position;
        Files.createDirectories(sys.resolve("bus/pci/devices"));
        Files.createDirectories(sys.resolve("bus/pci/drivers/ata_piix"));
        Files.createDirectories(sys.resolve("class/block"));
        Files.createDirectories(sys.resolve("kernel/security"));
        Files.createDirectories(proc.resolve("self"));
        Files.createDirectories(root.resolve("dev"));
        Files.writeString(root.resolve("dev/port"), ""); // present; never opened: the port space is the emulator's
        lockdown("[none] integrity confidentiality\n");
        Files.writeString(proc.resolve("self/mountinfo"), "22 1 0:21 / / rw - tmpfs tmpfs rw\n");
        Files.writeString(proc.resolve("swaps"), "Filename\tType\tSize\tUsed\tPriority\n");
        capabilities("000001ffffffffff", 0); // root: every capability, CAP_SYS_RAWIO (17) among them
        Path fn = function();
        Files.createDirectories(fn);
        Files.writeString(fn.resolve("class"), "0x010180\n"); // IDE, both channels in compatibility mode
        Files.writeString(fn.resolve("resource"), "0x0000000000000000 0x0000000000000000 0x0000000000000000\n".repeat(13));
        Files.createSymbolicLink(sys.resolve("bus/pci/devices").resolve(FN), fn);
        bindDriver();
    }

    Path sys() {
        return sys;
    }

    private Path function() {
        return sys.resolve("devices/pci0000:00").resolve(FN);
    }

    /** The emulated drive is listed by the kernel at its position (an optical drive, sg1/sr0). */
    EmulatedPortMachine listTheDrive() throws IOException {
        return list(new Listed(channel, position, 5, "ASUS", "CRW-5224A", "sg1", "sr0", List.of()));
    }

    EmulatedPortMachine list(Listed d) throws IOException {
        listed.add(d);
        attach();
        return this;
    }

    void capabilities(String capEff, int uid) throws IOException {
        Files.writeString(proc.resolve("self/status"), "Name:\tjava\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid
                + "\nCapEff:\t" + capEff + "\n");
    }

    void lockdown(String text) throws IOException {
        Files.writeString(sys.resolve("kernel/security/lockdown"), text);
    }

    /** A process with an open file descriptor on {@code node}. */
    void openBy(int pid, String comm, String node) throws IOException {
        Path fd = proc.resolve(Integer.toString(pid)).resolve("fd");
        Files.createDirectories(fd);
        Files.writeString(proc.resolve(Integer.toString(pid)).resolve("comm"), comm + "\n");
        int n = 3;
        while (Files.exists(fd.resolve(Integer.toString(n)), LinkOption.NOFOLLOW_LINKS)) {
            n++;
        }
        Files.createSymbolicLink(fd.resolve(Integer.toString(n)), Path.of(node));
    }

    private void bindDriver() throws IOException {
        Files.createSymbolicLink(function().resolve("driver"), sys.resolve("bus/pci/drivers/ata_piix"));
    }

    /** The libata ports and the listed devices under them, numbered from {@link #ataBase}. */
    private void attach() throws IOException {
        detach();
        for (int c = 0; c < 2; c++) {
            int ata = ataBase + c;
            Path attr = function().resolve("ata" + ata).resolve("ata_port").resolve("ata" + ata);
            Files.createDirectories(attr);
            Files.writeString(attr.resolve("port_no"), (c + 1) + "\n");
        }
        for (Listed d : listed) {
            int ata = ataBase + d.channel();
            int host = ata - 1;
            String hctl = host + ":0:" + d.position() + ":0";
            Path dev = function().resolve("ata" + ata).resolve("host" + host).resolve("target" + host + ":0:"
                    + d.position()).resolve(hctl);
            Files.createDirectories(dev);
            Files.writeString(dev.resolve("type"), d.type() + "\n");
            Files.writeString(dev.resolve("vendor"), String.format("%-8s\n", d.vendor()));
            Files.writeString(dev.resolve("model"), String.format("%-16s\n", d.model()));
            Files.createDirectories(dev.resolve("scsi_generic").resolve(d.sg()));
            Path b = dev.resolve("block").resolve(d.block());
            Files.createDirectories(b.resolve("holders"));
            Files.writeString(b.resolve("dev"), (d.type() == 5 ? "11:0" : "8:0") + "\n");
            Files.createSymbolicLink(sys.resolve("class/block").resolve(d.block()), b);
            int n = 1;
            for (String p : d.partitions()) {
                Path pd = b.resolve(p);
                Files.createDirectories(pd.resolve("holders"));
                Files.writeString(pd.resolve("partition"), n + "\n");
                Files.writeString(pd.resolve("dev"), "8:" + n + "\n");
                Files.createSymbolicLink(sys.resolve("class/block").resolve(p), pd);
                n++;
            }
        }
    }

    private void detach() throws IOException {
        try (Stream<Path> s = Files.list(function())) {
            for (Path p : s.filter(p -> p.getFileName().toString().matches("ata[0-9]+")).toList()) {
                try (Stream<Path> w = Files.walk(p)) {
                    for (Path q : w.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(q);
                    }
                }
            }
        }
        try (Stream<Path> s = Files.list(sys.resolve("class/block"))) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
    }

    private final PortMachine.Binder binder = new PortMachine.Binder() {
        @Override
        public void unbind(String function) throws IOException {
            events.add("unbind " + function);
            Files.delete(function().resolve("driver"));
            detach(); // the driver's devices go with it
        }

        @Override
        public void bind(String function, String driver) throws IOException {
            events.add("bind " + function + " " + driver);
            bindDriver();
            ataBase += 2; // libata numbers the ports anew on every bind
            rebound = true;
            attach();
        }
    };

    /** The node of a listed drive: the emulated drive's ATAPI side (no registers; the close leaves the drive open). */
    private Device node(EmulatedDrive drive, String node) throws TransportException {
        events.add("open " + node);
        if (rebound && !answersAfterRebind) {
            return new ForwardingDevice(drive) {
                @Override
                public ScsiTransport scsi() {
                    return ScsiTransport.unanswered("the drive does not answer INQUIRY (emulated)", drive.clock());
                }

                @Override
                public void close() {
                }
            };
        }
        return new ForwardingDevice(drive) {
            @Override
            public Optional<TaskFile> taskFile() {
                return Optional.empty();
            }

            @Override
            public Optional<ChipChannel> chipChannel() {
                return Optional.empty();
            }

            @Override
            public void close() {
            }
        };
    }

    /** Runs the CLI once on this machine, with the emulated drive powered on for the run. */
    CliRunner.Run run(String... args) {
        EmulatedDrive drive;
        try {
            drive = (EmulatedDrive) EmulatedDrives.open(emulator, ChipTable.builtIn());
        } catch (IOException | TransportException e) {
            throw new AssertionError("cannot open " + emulator, e);
        }
        rebound = false;
        TaskFile registers = drive.taskFile().orElseThrow();
        List<EmulatedPorts> opened = new ArrayList<>();
        PortMachine machine = new PortMachine(new PortDevices.Roots(sys, proc, root.resolve("dev/port")), binder, c -> {
            events.add(String.format("open ports 0x%X", c.commandBase()));
            EmulatedPorts p = new EmulatedPorts(registers, c, c.index() == channel, position, ports);
            opened.add(p);
            return p;
        }, node -> node(drive, node), drive.clock());
        try {
            return ScopedValue.where(PortMachines.IN_PROCESS, machine).call(() -> new CliRunner(home).run(args));
        } finally {
            writeCommands += drive.writeCommands();
            drive.close();
        }
    }
}
