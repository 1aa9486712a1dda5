package dev.odflash.nativeio;

import dev.odflash.doctor.Check;
import dev.odflash.nativeio.linux.Errno;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine-side checks of `odflash doctor` on Linux, in order: device nodes present, permission on
 * them, sg driver loaded. Each failure says what to do. Reads sysfs and /dev only; sends nothing.
 */
public final class HostChecks {
    private final Path sys;

    public HostChecks(Path sys) {
        this.sys = sys;
    }

    /** The nodes the drive checks will open: {@code device} if given, else every drive's preferred node. */
    public record Outcome(List<Check> checks, List<String> targets) {
    }

    public Outcome run(String device) {
        List<Check> checks = new ArrayList<>();
        List<DiscoveredDrive> drives = OpticalDriveScan.scan(sys);
        List<String> targets = new ArrayList<>();
        if (device != null) {
            if (Files.exists(Path.of(device))) {
                checks.add(Check.ok("device nodes", device, "present"));
                targets.add(device);
            } else {
                checks.add(Check.fail("device nodes", device, "no such device node",
                        "`odflash list` shows the drives and their /dev/sgN and /dev/srN nodes"));
            }
        } else if (drives.isEmpty()) {
            checks.add(Check.fail("device nodes", "", "no optical drive (SCSI type 5) in " + sys.resolve("bus/scsi/devices"),
                    "connect the drive and check it in `dmesg` (look for 'sr' or 'ATAPI'); in a virtual machine pass the"
                            + " drive through; `odflash doctor --device emu:asus-crw-5224a` checks odflash itself"));
        } else {
            for (DiscoveredDrive d : drives) {
                String node = d.preferredNode();
                String all = String.join(" ", d.genericNode().stream().toList()) + " "
                        + String.join(" ", d.blockNode().stream().toList());
                if (Files.exists(Path.of(node))) {
                    checks.add(Check.ok("device nodes", node, d.vendor() + " " + d.product() + " " + d.revision() + ": "
                            + all.strip() + ", " + d.bus().description()));
                    targets.add(node);
                } else {
                    checks.add(Check.fail("device nodes", node, "sysfs lists " + d.id() + " but " + node + " is missing",
                            "devtmpfs or udev did not create the node: check `ls -l /dev/sg* /dev/sr*` and udev"));
                }
            }
        }
        for (String node : targets) {
            checks.add(permission(node));
        }
        checks.add(sgDriver(drives));
        return new Outcome(checks, targets);
    }

    static Check permission(String node) {
        Path p = Path.of(node);
        String group = group(p);
        if (Files.isReadable(p) && Files.isWritable(p)) {
            return Check.ok("permission", node, "read and write" + (group.isEmpty() ? "" : " (group " + group + ")"));
        }
        return Check.fail("permission", node, "this user cannot open it read-write" + (group.isEmpty() ? ""
                : " (group " + group + ")"), Errno.permissionAdvice(node, group));
    }

    Check sgDriver(List<DiscoveredDrive> drives) {
        boolean loaded = Files.isDirectory(sys.resolve("class/scsi_generic")) || Files.isDirectory(sys.resolve("module/sg"));
        boolean anyWithoutSg = drives.stream().anyMatch(d -> d.genericNode().isEmpty());
        String fix = "sudo modprobe sg; to load it at every boot: echo sg | sudo tee /etc/modules-load.d/sg.conf";
        if (!loaded) {
            return Check.fail("sg driver", "", "the SCSI generic driver (sg) is not loaded: no /dev/sgN nodes", fix);
        }
        if (anyWithoutSg) {
            return Check.warn("sg driver", "", "loaded, but a drive has no sg node", fix);
        }
        return Check.ok("sg driver", "", "loaded");
    }

    private static String group(Path p) {
        try {
            return ((GroupPrincipal) Files.getAttribute(p, "posix:group")).getName();
        } catch (Exception e) {
            return "";
        }
    }
}
