package dev.odflash.image;

import dev.odflash.family.ImageIdentifier;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An MT1939 image after coastermelt's {@code checksum.py --fix} (docs/protocols.md §4.2, CM): it writes
 * 0xFFFFFFFF over the first signature-table flag at 0x10400 and a new BE16 sum of 0x10000-0x1E1FFF at
 * 0x1FFFFE. CM's notes say such an image will not boot, so it is refused for flashing.
 */
class Mt1939EmptiedTableTest {
    private static byte[] image() {
        byte[] b = new byte[0x200000];
        Arrays.fill(b, (byte) 0xFF);
        // one signature entry: flag 0, range 0x11000-0x7FFFF, a 16-byte signature
        le32(b, 0x10400, 0);
        le32(b, 0x10404, 0x11000);
        le32(b, 0x10408, 0x7FFFF);
        for (int i = 0; i < 16; i++) {
            b[0x1040C + i] = (byte) (0x30 + i);
        }
        put(b, 0x1FFFD0, "TSSTcorp");
        put(b, 0x1FFFD8, "BDDVDW SE-506CB ");
        put(b, 0x1FFFE8, "TS01");
        Arrays.fill(b, 0x1FFFEC, 0x1FFFFE, (byte) 0x00);
        sum(b);
        return b;
    }

    private static void sum(byte[] b) {
        int s = 0;
        for (int i = 0x10000; i < 0x1E2000; i++) {
            s += b[i] & 0xFF;
        }
        b[0x1FFFFE] = (byte) (s >> 8);
        b[0x1FFFFF] = (byte) s;
    }

    private static void le32(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >> 8 * i);
        }
    }

    private static void put(byte[] b, int at, String s) {
        byte[] a = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(a, 0, b, at, a.length);
    }

    @Test
    void theSignedImageIsFlashable() {
        ImageReport r = ImageIdentifier.identify(image());
        assertThat(r.flashable()).as(r.failures().toString()).isTrue();
    }

    @Test
    void theImageChecksumPyFixLeavesIsRefused() {
        byte[] fixed = image();
        le32(fixed, 0x10400, 0xFFFFFFFFL); // sigtable_clear()
        sum(fixed);                          // checksum_set(checksum_calculate())
        ImageReport r = ImageIdentifier.identify(fixed);
        assertThat(r.layout().map(l -> l.word())).contains("mt1939");
        assertThat(r.flashable()).isFalse();
        assertThat(r.failures()).anyMatch(c -> c.name().equals("signature table") && c.detail().contains("empty"));
    }
}
