package dev.odflash.ops;

import dev.odflash.bytes.Sha256;

import java.time.Duration;

/**
 * The whole flash read at least twice with identical results: what a backup holds.
 *
 * @param deviceTime time the reads took on the device's clock (simulated for emulated drives)
 */
public record VerifiedRead(byte[] image, String sha256, int passes, Duration deviceTime) {
    public VerifiedRead {
        image = image.clone();
    }

    public static VerifiedRead of(byte[] image, int passes, Duration deviceTime) {
        return new VerifiedRead(image, Sha256.hex(image), passes, deviceTime);
    }

    @Override
    public byte[] image() {
        return image.clone();
    }

    public long size() {
        return image.length;
    }
}
