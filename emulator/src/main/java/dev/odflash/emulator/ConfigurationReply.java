package dev.odflash.emulator;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Assembles a GET CONFIGURATION reply (MMC-6 §6.6): the 8-byte feature header (data length, current
 * profile) and the feature descriptors the request's RT field selects (0: all from the starting
 * feature, 1: the current ones, 2: exactly the starting feature), cut to the allocation length.
 * Every emulated personality uses it; each supplies its own descriptors.
 */
public final class ConfigurationReply {
    private ConfigurationReply() {
    }

    public static byte[] assemble(List<byte[]> descriptors, int rt, int start, int allocation, int currentProfile) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[8]);
        for (byte[] f : descriptors) {
            int code = (f[0] & 0xFF) << 8 | f[1] & 0xFF;
            boolean include = switch (rt) {
                case 0 -> code >= start;
                case 1 -> code >= start && (f[2] & 0x01) != 0;
                case 2 -> code == start;
                default -> false;
            };
            if (include) {
                out.writeBytes(f);
            }
        }
        byte[] data = out.toByteArray();
        int length = data.length - 4;
        data[0] = (byte) (length >>> 24);
        data[1] = (byte) (length >>> 16);
        data[2] = (byte) (length >>> 8);
        data[3] = (byte) length;
        data[6] = (byte) (currentProfile >> 8);
        data[7] = (byte) currentProfile;
        return Arrays.copyOf(data, Math.min(allocation, data.length));
    }
}
