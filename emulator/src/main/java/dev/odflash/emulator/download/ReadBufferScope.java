package dev.odflash.emulator.download;

import java.util.List;

/**
 * How much of its flash the emulated MT1959 lets READ BUFFER mode 6 read ({@code ?readbuffer=}): {@code whole}
 * (the default, modelled: docs/protocols.md §7.7 leaves open whether retail firmware allows it) or
 * {@code regions}, a drive that answers only the reads the sources make: RD's boot banner (0x3000, 0x20
 * bytes), FM's identity page (0x1EC000, 0x100) and FM's calibration (0x1F0000, 0x10000). A read is allowed
 * when it lies inside one of them; any other is refused (INVALID FIELD IN CDB).
 */
enum ReadBufferScope {
    WHOLE, REGIONS;

    /** The sources' regions, offset and length (the emulator's own list, not the host's). */
    private static final List<int[]> SOURCE_REGIONS = List.of(
            new int[]{0x3000, 0x20}, new int[]{0x1EC000, 0x100}, new int[]{0x1F0000, 0x10000});

    static ReadBufferScope of(String param) {
        if (param == null || param.equals("whole")) {
            return WHOLE;
        }
        if (param.equals("regions")) {
            return REGIONS;
        }
        throw new IllegalArgumentException("device spec parameter readbuffer=" + param + ": use whole or regions");
    }

    boolean allows(int offset, int length) {
        if (this == WHOLE) {
            return true;
        }
        for (int[] r : SOURCE_REGIONS) {
            if (offset >= r[0] && (long) offset + length <= (long) r[0] + r[1]) {
                return true;
            }
        }
        return false;
    }
}
