package dev.odflash.protocol;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * GET CONFIGURATION replies built by hand per MMC-6: the feature header (§6.6.2: bytes 0..3 data
 * length = bytes that follow it, 4..5 reserved, 6..7 current profile) and the generic feature
 * descriptor (§5.2.1: bytes 0..1 feature code, byte 2 version in bits 5..2 / persistent bit 1 /
 * current bit 0, byte 3 additional length, then that many bytes).
 */
class ConfigurationTest {

    private static final class Reply {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final int profile;

        Reply(int profile) {
            this.profile = profile;
        }

        Reply feature(int code, int version, boolean persistent, boolean current, int... data) {
            body.write(code >> 8);
            body.write(code);
            body.write(version << 2 | (persistent ? 2 : 0) | (current ? 1 : 0));
            body.write(data.length);
            for (int d : data) {
                body.write(d);
            }
            return this;
        }

        /** The header's data length as the drive states it (normally 4 + body). */
        byte[] bytes(long statedDataLength) {
            byte[] b = body.toByteArray();
            byte[] out = new byte[8 + b.length];
            out[0] = (byte) (statedDataLength >> 24);
            out[1] = (byte) (statedDataLength >> 16);
            out[2] = (byte) (statedDataLength >> 8);
            out[3] = (byte) statedDataLength;
            out[6] = (byte) (profile >> 8);
            out[7] = (byte) profile;
            System.arraycopy(b, 0, out, 8, b.length);
            return out;
        }

        byte[] bytes() {
            return bytes(4 + body.size());
        }
    }

    @Test
    void decodesProfileAndFeatures() {
        byte[] r = new Reply(0x0010)
                // Profile List: two profile descriptors (DVD-ROM current, CD-ROM)
                .feature(0x0000, 0, true, true, 0x00, 0x10, 0x01, 0x00, 0x00, 0x08, 0x00, 0x00)
                // Core: physical interface standard 2 = ATAPI
                .feature(0x0001, 1, true, true, 0x00, 0x00, 0x00, 0x02)
                // Microcode Upgrade, no data, not current
                .feature(0x0104, 0, false, false)
                .bytes();
        Configuration c = Configuration.parse(r, r.length);
        assertThat(c.currentProfile()).isEqualTo(0x0010);
        assertThat(Configuration.profileName(c.currentProfile())).isEqualTo("DVD-ROM");
        assertThat(c.features()).extracting(Feature::code).containsExactly(0x0000, 0x0001, 0x0104);

        Feature profiles = c.features().get(0);
        assertThat(profiles.name()).isEqualTo("Profile List");
        assertThat(profiles.persistent()).isTrue();
        assertThat(profiles.current()).isTrue();
        assertThat(profiles.data()).containsExactly(0x00, 0x10, 0x01, 0x00, 0x00, 0x08, 0x00, 0x00);

        Feature core = c.features().get(1);
        assertThat(core.version()).isEqualTo(1);
        assertThat(core.data()).containsExactly(0, 0, 0, 2);

        Feature microcode = c.features().get(2);
        assertThat(microcode.name()).isEqualTo("Microcode Upgrade");
        assertThat(microcode.current()).isFalse();
        assertThat(microcode.persistent()).isFalse();
        assertThat(microcode.data()).isEmpty();
    }

    @Test
    void versionUsesBitsFiveToTwo() {
        byte[] r = new Reply(0).feature(0x010C, 0x0F, false, true, 1, 2).bytes();
        Feature f = Configuration.parse(r, r.length).features().getFirst();
        assertThat(f.version()).isEqualTo(0x0F);
        assertThat(f.current()).isTrue();
        assertThat(f.persistent()).isFalse();
        assertThat(f.name()).isEqualTo("Firmware Information");
    }

    @Test
    void noMediumIsProfileZero() {
        byte[] r = new Reply(0x0000).bytes();
        Configuration c = Configuration.parse(r, r.length);
        assertThat(c.currentProfile()).isZero();
        assertThat(c.features()).isEmpty();
        assertThat(Configuration.profileName(0)).contains("no medium");
        assertThat(Configuration.profileName(0x0043)).isEqualTo("BD-RE");
        assertThat(Configuration.profileName(0x1234)).isEqualTo("profile 0x1234");
    }

    /** The header states the whole list; the allocation length cut it short. */
    @Test
    void dataLengthLargerThanTheBufferIsCutToTheBuffer() {
        byte[] r = new Reply(0x0008)
                .feature(0x0001, 0, true, true, 0, 0, 0, 2)
                .feature(0x0003, 0, true, true, 0x29, 0, 0, 0)
                .bytes(0x0000_1000);
        // 8 header + 8 (Core) + 6 of the 8 bytes of Removable Medium
        byte[] cut = Arrays.copyOf(r, 22);
        Configuration c = Configuration.parse(cut, cut.length);
        assertThat(c.currentProfile()).isEqualTo(0x0008);
        assertThat(c.features()).extracting(Feature::code).containsExactly(0x0001, 0x0003);
        assertThat(c.features().get(1).data()).containsExactly(0x29, 0);
    }

    @Test
    void aPartialDescriptorHeaderIsDropped() {
        byte[] r = new Reply(0x0008).feature(0x0001, 0, true, true, 0, 0, 0, 2)
                .feature(0x001E, 0, true, true, 0, 0, 0, 0).bytes(0xFFFF);
        byte[] cut = Arrays.copyOf(r, 8 + 8 + 3); // three bytes of the second descriptor header
        assertThat(Configuration.parse(cut, cut.length).features()).extracting(Feature::code).containsExactly(0x0001);
    }

    @Test
    void lengthArgumentBelowTheBufferLimitsDecoding() {
        byte[] r = new Reply(0x0008).feature(0x0001, 0, true, true, 0, 0, 0, 2)
                .feature(0x001E, 0, true, true, 0, 0, 0, 0).bytes();
        assertThat(Configuration.parse(r, 16).features()).extracting(Feature::code).containsExactly(0x0001);
    }

    @Test
    void dataLengthSmallerThanTheBufferWins() {
        byte[] r = new Reply(0x0040).feature(0x0001, 0, true, true, 0, 0, 0, 2)
                .feature(0x001F, 0, true, true).bytes(4 + 8);
        Configuration c = Configuration.parse(r, r.length);
        assertThat(c.features()).extracting(Feature::code).containsExactly(0x0001);
    }

    @Test
    void fewerThanEightBytesAreRefused() {
        assertThatThrownBy(() -> Configuration.parse(new byte[7], 7)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void featureDataIsCopied() {
        byte[] r = new Reply(0).feature(0x0108, 0, true, true, 'S', 'N').bytes();
        Configuration c = Configuration.parse(r, r.length);
        r[12] = 'X';
        Feature f = c.features().getFirst();
        assertThat(f.data()).containsExactly('S', 'N');
        f.data()[0] = 'Y';
        assertThat(f.data()).containsExactly('S', 'N');
        assertThat(f.name()).isEqualTo("Logical Unit Serial Number");
        assertThat(new Feature(0x7777, 0, false, false, new byte[0]).name()).isEqualTo("Feature 0x7777");
    }
}
