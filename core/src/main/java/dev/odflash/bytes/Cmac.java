package dev.odflash.bytes;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/**
 * AES-128-CMAC (NIST SP 800-38B / RFC 4493), written from the standard: subkeys K1/K2 by doubling
 * L = AES(K, 0) in GF(2^128), the last block XORed with K1 (complete) or padded 10* and XORed with K2.
 * The MT1959 form (OD {@code scripts/update_cmac.py}, docs/protocols.md §4.3) reverses every 16-byte block
 * of the range before MACing and stores the MAC byte-reversed: {@link #mt1959}.
 */
public final class Cmac {
    private static final int RB = 0x87; // RFC 4493 §2.3 constant for 128-bit blocks

    private Cmac() {
    }

    public static byte[] aesCmac(byte[] key, byte[] data, int from, int length) {
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            byte[] l = aes.doFinal(new byte[16]);
            byte[] k1 = dbl(l);
            byte[] k2 = dbl(k1);
            int blocks = Math.max(1, (length + 15) / 16);
            boolean complete = length > 0 && length % 16 == 0;
            byte[] x = new byte[16];
            byte[] block = new byte[16];
            for (int b = 0; b < blocks; b++) {
                int off = from + b * 16;
                int n = Math.min(16, length - b * 16);
                java.util.Arrays.fill(block, (byte) 0);
                System.arraycopy(data, off, block, 0, Math.max(0, n));
                if (b == blocks - 1) {
                    if (complete) {
                        xor(block, k1);
                    } else {
                        block[Math.max(0, n)] = (byte) 0x80;
                        xor(block, k2);
                    }
                }
                xor(x, block);
                x = aes.doFinal(x);
            }
            return x;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is part of every JDK", e);
        }
    }

    /** OD's MT1959 MAC over {@code image[start, end]} (end inclusive): blocks reversed, MAC reversed. */
    public static byte[] mt1959(byte[] key, byte[] image, int start, int endInclusive) {
        int length = endInclusive - start + 1;
        byte[] swapped = new byte[length];
        for (int b = 0; b < length; b += 16) {
            int n = Math.min(16, length - b);
            for (int i = 0; i < n; i++) {
                swapped[b + i] = image[start + b + n - 1 - i];
            }
        }
        return reverse(aesCmac(key, swapped, 0, length));
    }

    static byte[] reverse(byte[] in) {
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[in.length - 1 - i];
        }
        return out;
    }

    private static byte[] dbl(byte[] in) {
        byte[] out = new byte[16];
        int carry = 0;
        for (int i = 15; i >= 0; i--) {
            int v = (in[i] & 0xFF) << 1 | carry;
            out[i] = (byte) v;
            carry = v >> 8 & 1;
        }
        if ((in[0] & 0x80) != 0) {
            out[15] ^= (byte) RB;
        }
        return out;
    }

    private static void xor(byte[] a, byte[] b) {
        for (int i = 0; i < 16; i++) {
            a[i] ^= b[i];
        }
    }
}
