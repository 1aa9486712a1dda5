package dev.odflash.emulator.download;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The emulated MT1959 boot loader's check of its CMAC table (docs/protocols.md §4.3, OD
 * {@code scripts/update_cmac.py}): AES-128-CMAC (RFC 4493) over each enabled range with every 16-byte
 * block byte-reversed, compared with the stored MAC byte-reversed. Written here apart from the host's
 * checker so a bug on one side fails a test. The key is the emulator's made-up
 * {@link DownloadFirmware#MT1959_KEY}; that a retail boot loader checks the MACs at all is inferred
 * from OD having to recompute them after patching (modelled).
 */
final class BootCmac {
    private BootCmac() {
    }

    /** True when every enabled entry's MAC matches its range. */
    static boolean tableMatches(byte[] flash, byte[] key) {
        for (int i = 0; i < 16; i++) {
            int at = 0x10400 + i * 0x1C;
            if (le32(flash, at) == 0xFFFFFFFFL) {
                continue;
            }
            int start = (int) le32(flash, at + 4);
            int end = (int) le32(flash, at + 8);
            byte[] stored = Arrays.copyOfRange(flash, at + 12, at + 28);
            if (!Arrays.equals(reversed(mac(key, swappedBlocks(flash, start, end))), stored)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] swappedBlocks(byte[] flash, int start, int endInclusive) {
        byte[] out = new byte[endInclusive - start + 1];
        for (int b = 0; b < out.length; b += 16) {
            int n = Math.min(16, out.length - b);
            for (int i = 0; i < n; i++) {
                out[b + i] = flash[start + b + n - 1 - i];
            }
        }
        return out;
    }

    /** RFC 4493 §2.4: subkeys from L = AES(K, 0^128); last block XOR K1 if complete, else 10* padded XOR K2. */
    static byte[] mac(byte[] key, byte[] message) {
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            byte[] k1 = shiftXor(aes.doFinal(new byte[16]));
            byte[] k2 = shiftXor(k1);
            int n = Math.max(1, (message.length + 15) / 16);
            boolean complete = message.length > 0 && message.length % 16 == 0;
            byte[] state = new byte[16];
            for (int b = 0; b < n; b++) {
                byte[] block = Arrays.copyOfRange(message, b * 16, b * 16 + 16); // zero-filled past the end
                if (b == n - 1) {
                    if (!complete) {
                        block[message.length - b * 16] = (byte) 0x80;
                    }
                    byte[] k = complete ? k1 : k2;
                    for (int i = 0; i < 16; i++) {
                        block[i] ^= k[i];
                    }
                }
                for (int i = 0; i < 16; i++) {
                    state[i] ^= block[i];
                }
                state = aes.doFinal(state);
            }
            return state;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is in every JDK", e);
        }
    }

    /** Doubling in GF(2^128): shift left one bit, XOR 0x87 into the last byte when the top bit fell out. */
    private static byte[] shiftXor(byte[] in) {
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) {
            out[i] = (byte) (in[i] << 1 | (i < 15 ? (in[i + 1] & 0xFF) >>> 7 : 0));
        }
        if ((in[0] & 0x80) != 0) {
            out[15] ^= (byte) 0x87;
        }
        return out;
    }

    private static byte[] reversed(byte[] in) {
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[in.length - 1 - i];
        }
        return out;
    }

    private static long le32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }
}
