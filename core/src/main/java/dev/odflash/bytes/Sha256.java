package dev.odflash.bytes;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 as lower-case hex, the hash odflash records for every image and backup. */
public final class Sha256 {
    private Sha256() {
    }

    public static String hex(byte[] data) {
        return Hex.of(digest().digest(data));
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
