package dev.odflash.emulator;

/**
 * What the path between host and emulated drive imposes, as real ones do: an adapter alignment mask
 * (Windows SPTI rejects a misaligned buffer: "incorrect user buffer"), a largest transfer (Linux
 * SG_IO answers EINVAL), a medium in the tray, and a USB bridge that drops vendor commands
 * (protocols.md §1.2).
 */
public record HostQuirks(int alignmentMask, long maxTransfer, boolean mediumPresent, boolean bridgeDropsVendor) {
    public static final long DEFAULT_MAX_TRANSFER = 64 * 1024;

    public static HostQuirks from(EmulatorSpec spec) {
        long align = spec.number("align", 0);
        if (align < 0 || align > 0xFFFF || Long.bitCount(align + 1) != 1) {
            throw new IllegalArgumentException("align=" + align + " must be an alignment mask such as 0, 1, 3, 511");
        }
        long max = spec.number("maxxfer", DEFAULT_MAX_TRANSFER);
        if (max < 512) {
            throw new IllegalArgumentException("maxxfer=" + max + " is too small (at least 512)");
        }
        String medium = spec.params().getOrDefault("medium", "absent");
        if (!medium.equals("absent") && !medium.equals("present")) {
            throw new IllegalArgumentException("medium=" + medium + ": use present or absent");
        }
        String bridge = spec.params().getOrDefault("bridge", "none");
        if (!bridge.equals("none") && !bridge.equals("drop-vendor")) {
            throw new IllegalArgumentException("bridge=" + bridge + ": use drop-vendor or none");
        }
        return new HostQuirks((int) align, max, medium.equals("present"), bridge.equals("drop-vendor"));
    }
}
