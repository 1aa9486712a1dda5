package dev.odflash.nativeio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads {@link PortAccess} from /proc and sysfs (roots given, so tests use a fake tree). */
public final class PortAccessCheck {
    /** CAP_SYS_RAWIO (include/uapi/linux/capability.h): what open_port in drivers/char/mem.c asks for. */
    static final int CAP_SYS_RAWIO = 17;

    private PortAccessCheck() {
    }

    public static PortAccess of(Path proc, Path sys, Path devPort) {
        List<PortAccess.Check> checks = new ArrayList<>();
        String status = IdeChannelScan.attribute(proc.resolve("self/status")).orElse("");
        Optional<Long> capEff = field(status, "CapEff:").flatMap(v -> parseHex(v));
        Optional<String> uid = field(status, "Uid:").map(v -> v.split("\\s+")).filter(f -> f.length >= 2).map(f -> f[1]);
        boolean rawio = capEff.map(c -> (c >> CAP_SYS_RAWIO & 1) == 1).orElse(false);
        checks.add(new PortAccess.Check("root or CAP_SYS_RAWIO", rawio, capEff.isEmpty()
                ? "cannot read the capabilities in /proc/self/status"
                : (rawio ? "CAP_SYS_RAWIO held" : "not held (effective uid " + uid.orElse("?") + "); run as root")));
        boolean present = Files.exists(devPort);
        checks.add(new PortAccess.Check("/dev/port", present, present ? "present"
                : "missing (a kernel without CONFIG_DEVPORT, or no devtmpfs)"));
        Path lockdownFile = sys.resolve("kernel/security/lockdown");
        Optional<String> lockdown = IdeChannelScan.attribute(lockdownFile).map(String::strip);
        // "[none] integrity confidentiality": the bracketed word is the current level (security/lockdown/lockdown.c)
        Optional<String> level = lockdown.flatMap(l -> {
            int a = l.indexOf('[');
            int b = l.indexOf(']');
            return a >= 0 && b > a ? Optional.of(l.substring(a + 1, b)) : Optional.empty();
        });
        boolean off = level.map("none"::equals).orElse(lockdown.isEmpty() && !Files.exists(lockdownFile));
        checks.add(new PortAccess.Check("kernel lockdown off", off, level.map(l -> l.equals("none") ? "off"
                : "lockdown is '" + l + "': the kernel refuses /dev/port (UEFI Secure Boot can turn it on)")
                .orElse(Files.exists(lockdownFile) ? "cannot read " + lockdownFile : "cannot tell (no " + lockdownFile
                + ": securityfs not mounted, or no lockdown LSM); the open of /dev/port will say")));
        return new PortAccess(checks);
    }

    private static Optional<String> field(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name)) {
                return Optional.of(line.substring(name.length()).strip());
            }
        }
        return Optional.empty();
    }

    private static Optional<Long> parseHex(String v) {
        try {
            return Optional.of(Long.parseUnsignedLong(v, 16));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
