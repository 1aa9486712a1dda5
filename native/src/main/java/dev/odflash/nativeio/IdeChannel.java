package dev.odflash.nativeio;

import java.util.List;
import java.util.Optional;

/**
 * One ATA channel of an IDE-class PCI function, as sysfs shows it (no port is touched to find it): where its
 * task-file registers are, which driver the function is bound to, and the drives the kernel lists on it.
 *
 * @param function     the PCI function ("0000:00:01.1") that decodes the channel; unbinding it is the only way
 *                     odflash takes a channel from the kernel
 * @param index        0 primary, 1 secondary
 * @param commandBase  the command block's first port (data port; the task-file registers follow at +1..+7)
 * @param controlPort  the Device Control / Alternate Status port
 * @param legacy       true when the channel sits on the ISA-compatible ports (0x1F0/0x3F6, 0x170/0x376), which
 *                     mtkflash numbers 1-4 (primary master, primary slave, secondary master, secondary slave)
 * @param driver       the driver bound to the function now, if any
 * @param drives       the devices the kernel attached on this channel (disks too: every one must be unused
 *                     before the function is unbound)
 */
public record IdeChannel(String function, int index, int commandBase, int controlPort, boolean legacy,
                         Optional<String> driver, List<IdeDrive> drives) {
    public IdeChannel {
        drives = List.copyOf(drives);
    }

    public String name() {
        return index == 0 ? "primary" : "secondary";
    }

    /** "0000:00:01.1 secondary (0x170/0x376)". */
    public String describe() {
        return function + " " + name() + " channel (" + String.format("0x%X/0x%X", commandBase, controlPort) + ")"
                + (legacy ? ", legacy ports" : ", PCI I/O BARs");
    }

    public Optional<IdeDrive> at(int position) {
        return drives.stream().filter(d -> d.position() == position).findFirst();
    }
}
