package dev.odflash.emulator.firmware;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The emulator's own AES-128-CMAC (RFC 4493), written apart from the host's {@code dev.odflash.bytes.Cmac}
 * so that the emulator shares no crypto code with the host (docs/architecture.md "Layers": the emulator
 * builds its images and judges them from the documents, and a bug on one side fails a test instead of
 * cancelling out). The synthetic MT1959 images are signed with it ({@link Mt1959Firmware}) and the emulated
 * boot loader checks them with it; the host checks them with its own.
 *
 * <p>Only the block cipher comes from the JDK (AES, FIPS 197); the mode is RFC 4493 §2.3-2.4 step by step.
 */
public final class EmulatorCmac {
    /** RFC 4493 §2.3: the constant R_128 XORed into the last byte when doubling shifts a 1 out. */
    private static final int R128 = 0x87;

    private EmulatorCmac() {
    }

    /** AES-CMAC(K, M) of RFC 4493 §2.4, for a 16-byte key. */
    public static byte[] mac(byte[] key, byte[] message) {
        Cipher aes = aes(key);
        byte[][] k = subkeys(aes);
        int n = Math.max(1, (message.length + 15) / 16);                       // step 2-3: blocks, at least one
        boolean complete = message.length > 0 && message.length % 16 == 0;
        byte[] x = new byte[16];                                               // step 5: X := 0
        for (int i = 0; i < n; i++) {
            byte[] block = Arrays.copyOfRange(message, i * 16, i * 16 + 16); // zero-filled past the end
            if (i == n - 1) {                                                  // step 4: M_last
                if (!complete) {
                    block[message.length - i * 16] = (byte) 0x80;             // padding 10^i
                }
                xorInto(block, complete ? k[0] : k[1]);
            }
            xorInto(x, block);                                                 // step 6: Y := X xor M_i
            x = encrypt(aes, x);                                               // X := AES-128(K, Y)
        }
        return x;                                                              // step 7: T := X
    }

    /**
     * The MT1959 form of the table entry for {@code image[start, endInclusive]} (docs/protocols.md §4.3, OD
     * {@code scripts/update_cmac.py}): every 16-byte block of the range reversed (a shorter last block
     * reversed on its own), AES-CMAC over that, and the MAC stored byte-reversed.
     */
    public static byte[] mt1959(byte[] key, byte[] image, int start, int endInclusive) {
        byte[] swapped = new byte[endInclusive - start + 1];
        for (int b = 0; b < swapped.length; b += 16) {
            int len = Math.min(16, swapped.length - b);
            for (int i = 0; i < len; i++) {
                swapped[b + i] = image[start + b + len - 1 - i];
            }
        }
        byte[] mac = mac(key, swapped);
        byte[] stored = new byte[16];
        for (int i = 0; i < 16; i++) {
            stored[i] = mac[15 - i];
        }
        return stored;
    }

    /** RFC 4493 §2.3: L = AES-128(K, 0^128); K1 = double(L); K2 = double(K1). */
    static byte[][] subkeys(byte[] key) {
        return subkeys(aes(key));
    }

    private static byte[][] subkeys(Cipher aes) {
        byte[] k1 = doubled(encrypt(aes, new byte[16]));
        return new byte[][] {k1, doubled(k1)};
    }

    /** Multiplication by x in GF(2^128): shift left one bit; if the top bit fell out, XOR R_128 into the low byte. */
    private static byte[] doubled(byte[] in) {
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) {
            int next = i < 15 ? (in[i + 1] & 0xFF) >>> 7 : 0;
            out[i] = (byte) ((in[i] & 0xFF) << 1 | next);
        }
        if ((in[0] & 0x80) != 0) {
            out[15] ^= (byte) R128;
        }
        return out;
    }

    private static void xorInto(byte[] target, byte[] with) {
        for (int i = 0; i < 16; i++) {
            target[i] ^= with[i];
        }
    }

    private static Cipher aes(byte[] key) {
        if (key.length != 16) {
            throw new IllegalArgumentException("AES-128-CMAC takes a 16-byte key, not " + key.length + " bytes");
        }
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            return aes;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is in every JDK", e);
        }
    }

    private static byte[] encrypt(Cipher aes, byte[] block) {
        try {
            return aes.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB/NoPadding of one block cannot fail", e);
        }
    }
}
