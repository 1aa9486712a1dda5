package dev.odflash.emulator;

import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.TransportException;

import java.lang.foreign.MemorySegment;

/**
 * What the path between host and emulated drive imposes, as real ones do: an adapter alignment mask
 * (Windows SPTI rejects a misaligned buffer: "incorrect user buffer"), a largest transfer (Linux
 * SG_IO answers EINVAL), a medium in the tray, and a USB bridge that drops vendor commands
 * (docs/protocols.md §1.2).
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

    /** Host-path limits, enforced before the drive sees anything, as the OS does. */
    public void checkPath(ScsiRequest request) throws TransportException {
        MemorySegment data = request.data();
        if (data.byteSize() > 0 && (data.address() & alignmentMask) != 0) {
            throw new TransportException(TransportException.Kind.BAD_BUFFER, String.format(
                    "data buffer at 0x%X is not aligned to the adapter's alignment mask 0x%X"
                            + " (Windows reports this as \"incorrect user buffer\")", data.address(), alignmentMask));
        }
        if (data.byteSize() > maxTransfer) {
            throw new TransportException(TransportException.Kind.TRANSFER_TOO_LARGE, "transfer of " + data.byteSize()
                    + " bytes exceeds the path's limit of " + maxTransfer + " (EINVAL)", 22, null);
        }
    }
}
