package dev.odflash.nativeio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sysfs, /proc and /dev tree laid out the way the kernel does for IDE-class PCI functions: the function's
 * directory under devices/, linked from bus/pci/devices and bound to a driver through a {@code driver} link; libata
 * ports as ataN/ata_port/ataN/port_no; SCSI devices under ataN/hostH/targetH:0:T/H:0:T:0 with their sg and block
 * nodes; the block class links; /proc/self/status with capabilities, mountinfo and swaps.
 */
public final class FakeIdeSysfs {
    private final Path root;
    private final Path sys;
    private final Path proc;

    public FakeIdeSysfs(Path root) throws IOException {
        this.root = root;
        this.sys = root.resolve("sys");
        this.proc = root.resolve("proc");
        Files.createDirectories(sys.resolve("bus/pci/devices"));
        Files.createDirectories(sys.resolve("class/block"));
        Files.createDirectories(sys.resolve("kernel/security"));
        Files.createDirectories(proc.resolve("self"));
        Files.createDirectories(root.resolve("dev"));
        Files.writeString(sys.resolve("kernel/security/lockdown"), "[none] integrity confidentiality\n");
        Files.writeString(proc.resolve("self/mountinfo"), "22 1 0:21 / / rw - tmpfs tmpfs rw\n");
        Files.writeString(proc.resolve("swaps"), "Filename\tType\tSize\tUsed\tPriority\n");
        capabilities("000001ffffffffff", 0);
        Files.writeString(root.resolve("dev/port"), "");
    }

    public Path sys() {
        return sys;
    }

    public Path proc() {
        return proc;
    }

    public Path devPort() {
        return root.resolve("dev/port");
    }

    public PortDevices.Roots roots() {
        return new PortDevices.Roots(sys, proc, devPort());
    }

    public void capabilities(String capEff, int uid) throws IOException {
        Files.writeString(proc.resolve("self/status"), "Name:\tjava\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid
                + "\nCapEff:\t" + capEff + "\n");
    }

    /** A PCI function of {@code classCode} with BAR lines ("start end flags") and a driver; returns its directory. */
    public Path function(String fn, int classCode, String driver, String... bars) throws IOException {
        Path dir = sys.resolve("devices/pci0000:00").resolve(fn);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("class"), String.format("0x%06x\n", classCode));
        StringBuilder res = new StringBuilder();
        for (int i = 0; i < 13; i++) {
            res.append(i < bars.length ? bars[i] : "0x0000000000000000 0x0000000000000000 0x0000000000000000").append('\n');
        }
        Files.writeString(dir.resolve("resource"), res.toString());
        Files.createSymbolicLink(sys.resolve("bus/pci/devices").resolve(fn), dir);
        if (driver != null) {
            bind(fn, driver);
        }
        return dir;
    }

    public void bind(String fn, String driver) throws IOException {
        Path drv = sys.resolve("bus/pci/drivers").resolve(driver);
        Files.createDirectories(drv);
        Files.createSymbolicLink(sys.resolve("devices/pci0000:00").resolve(fn).resolve("driver"), drv);
    }

    public void unbind(String fn) throws IOException {
        Files.deleteIfExists(sys.resolve("devices/pci0000:00").resolve(fn).resolve("driver"));
    }

    /** A libata port ataN with port_no on the function. */
    public Path ataPort(String fn, int ata, int portNo) throws IOException {
        Path port = sys.resolve("devices/pci0000:00").resolve(fn).resolve("ata" + ata);
        Path attr = port.resolve("ata_port").resolve("ata" + ata);
        Files.createDirectories(attr);
        Files.writeString(attr.resolve("port_no"), portNo + "\n");
        return port;
    }

    /** A SCSI device at H:0:T:0 under ataN; sg and block may be null; partitions of a disk follow. */
    public Path device(String fn, int ata, int host, int target, int type, String vendor, String model, String sg,
                       String block, String... partitions) throws IOException {
        Path port = sys.resolve("devices/pci0000:00").resolve(fn).resolve("ata" + ata);
        String hctl = host + ":0:" + target + ":0";
        Path dev = port.resolve("host" + host).resolve("target" + host + ":0:" + target).resolve(hctl);
        Files.createDirectories(dev);
        Files.writeString(dev.resolve("type"), type + "\n");
        Files.writeString(dev.resolve("vendor"), String.format("%-8s\n", vendor));
        Files.writeString(dev.resolve("model"), String.format("%-16s\n", model));
        if (sg != null) {
            Files.createDirectories(dev.resolve("scsi_generic").resolve(sg));
        }
        if (block != null) {
            Path b = dev.resolve("block").resolve(block);
            Files.createDirectories(b.resolve("holders"));
            Files.writeString(b.resolve("dev"), (type == 5 ? "11:" : "8:") + (block.charAt(2) - 'a') * 16 + "\n");
            Files.createSymbolicLink(sys.resolve("class/block").resolve(block), b);
            int n = 1;
            for (String p : partitions) {
                Path pd = b.resolve(p);
                Files.createDirectories(pd.resolve("holders"));
                Files.writeString(pd.resolve("partition"), n + "\n");
                Files.writeString(pd.resolve("dev"), "8:" + ((block.charAt(2) - 'a') * 16 + n) + "\n");
                Files.createSymbolicLink(sys.resolve("class/block").resolve(p), pd);
                n++;
            }
        }
        return dev;
    }

    /** A process with an open file descriptor on {@code node}. */
    public void openBy(int pid, String comm, String node) throws IOException {
        Path fd = proc.resolve(Integer.toString(pid)).resolve("fd");
        Files.createDirectories(fd);
        Files.writeString(proc.resolve(Integer.toString(pid)).resolve("comm"), comm + "\n");
        int n = 3;
        while (Files.exists(fd.resolve(Integer.toString(n)), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            n++;
        }
        Files.createSymbolicLink(fd.resolve(Integer.toString(n)), Path.of(node));
    }

    public void mountinfo(String text) throws IOException {
        Files.writeString(proc.resolve("self/mountinfo"), text);
    }

    public void swaps(String line) throws IOException {
        Files.writeString(proc.resolve("swaps"), "Filename\tType\tSize\tUsed\tPriority\n" + line + "\n");
    }

    public void lockdown(String text) throws IOException {
        Files.writeString(sys.resolve("kernel/security/lockdown"), text);
    }

    /** QEMU's PIIX3 IDE function as q35 with -device piix3-ide shows it: compatibility mode, bus master BAR4. */
    public Path piix(String fn) throws IOException {
        return function(fn, 0x010180, "ata_piix", "0x0000000000000000 0x0000000000000000 0x0000000000000000",
                "0x0000000000000000 0x0000000000000000 0x0000000000000000",
                "0x0000000000000000 0x0000000000000000 0x0000000000000000",
                "0x0000000000000000 0x0000000000000000 0x0000000000000000",
                "0x000000000000c040 0x000000000000c04f 0x0000000000040101");
    }
}
