package dev.odflash.nativeio;

import java.util.List;

/**
 * Whether this process could reach I/O ports through /dev/port at all (read from /proc and sysfs, nothing opened):
 * the kernel allows /dev/port to a process with CAP_SYS_RAWIO (drivers/char/mem.c, open_port), refuses it under
 * kernel lockdown (security/lockdown: "/dev/port access"), and has it only with CONFIG_DEVPORT.
 */
public record PortAccess(List<Check> checks) {
    /** One condition, met or not, with what was read. */
    public record Check(String name, boolean ok, String detail) {
    }

    public PortAccess {
        checks = List.copyOf(checks);
    }

    public boolean ready() {
        return checks.stream().allMatch(Check::ok);
    }

    /** The unmet conditions, for a refusal ("not root and no CAP_SYS_RAWIO; /dev/port missing"). */
    public String why() {
        return String.join("; ", checks.stream().filter(c -> !c.ok()).map(c -> c.name() + ": " + c.detail()).toList());
    }
}
