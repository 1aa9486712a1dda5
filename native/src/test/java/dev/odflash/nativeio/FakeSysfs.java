package dev.odflash.nativeio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a sysfs tree the way the kernel lays it out: real device directories, links in bus/scsi/devices. */
public final class FakeSysfs {
    private final Path sys;

    public FakeSysfs(Path sys) throws IOException {
        this.sys = sys;
        Files.createDirectories(sys.resolve("bus/scsi/devices"));
    }

    public Path root() {
        return sys;
    }

    /** A SCSI device at {@code devicePath} (relative to sys/devices), linked as bus/scsi/devices/{@code hctl}. */
    public Path device(String devicePath, String hctl, int type, String vendor, String model, String rev,
                       String sg, String sr) throws IOException {
        Path dev = sys.resolve("devices").resolve(devicePath).resolve(hctl);
        Files.createDirectories(dev);
        Files.writeString(dev.resolve("type"), type + "\n");
        Files.writeString(dev.resolve("vendor"), String.format("%-8s\n", vendor));
        Files.writeString(dev.resolve("model"), String.format("%-16s\n", model));
        Files.writeString(dev.resolve("rev"), rev + "\n");
        if (sg != null) {
            Files.createDirectories(dev.resolve("scsi_generic").resolve(sg));
        }
        if (sr != null) {
            Files.createDirectories(dev.resolve("block").resolve(sr).resolve("queue"));
            Files.writeString(dev.resolve("block").resolve(sr).resolve("queue/max_sectors_kb"), "512\n");
        }
        Files.createSymbolicLink(sys.resolve("bus/scsi/devices").resolve(hctl), dev);
        return dev;
    }

    public void usbDevice(String devicePath, String vid, String pid, String manufacturer, String product) throws IOException {
        Path usb = sys.resolve("devices").resolve(devicePath);
        Files.createDirectories(usb);
        Files.writeString(usb.resolve("idVendor"), vid + "\n");
        Files.writeString(usb.resolve("idProduct"), pid + "\n");
        Files.writeString(usb.resolve("manufacturer"), manufacturer + "\n");
        Files.writeString(usb.resolve("product"), product + "\n");
    }

    public void sgDriverLoaded() throws IOException {
        Files.createDirectories(sys.resolve("class/scsi_generic"));
    }
}
