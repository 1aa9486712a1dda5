package dev.odflash.transport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Sense data decoding. Layouts: SPC-4 §4.5.3 fixed format (response code 0x70/0x71; sense key in
 * byte 2 bits 3..0, additional sense length in byte 7, ASC byte 12, ASCQ byte 13) and §4.5.2 descriptor
 * format (0x72/0x73; sense key byte 1, ASC byte 2, ASCQ byte 3, additional length byte 7).
 */
class SenseDataTest {

    /** An 18-byte fixed-format buffer, as REQUEST SENSE with allocation length 18 returns it. */
    private static byte[] fixed(int responseCode, int keyByte, int asc, int ascq) {
        byte[] b = new byte[18];
        b[0] = (byte) responseCode;
        b[2] = (byte) keyByte;
        b[7] = 10;
        b[12] = (byte) asc;
        b[13] = (byte) ascq;
        return b;
    }

    @Test
    void fixedFormatDecodesKeyAscAscq() {
        SenseData s = SenseData.parse(fixed(0x70, 0x05, 0x20, 0x00));
        assertThat(s.responseCode()).isEqualTo(0x70);
        assertThat(s.key()).isEqualTo(SenseData.ILLEGAL_REQUEST);
        assertThat(s.asc()).isEqualTo(0x20);
        assertThat(s.ascq()).isEqualTo(0x00);
        assertThat(s.is(5, 0x20, 0)).isTrue();
        assertThat(s.is(5, 0x24, 0)).isFalse();
    }

    @Test
    void fixedFormatIgnoresValidBitAndFlagBitsAroundTheKey() {
        // byte 0 bit 7 = VALID (information field valid); byte 2 bits 7..4 = FILEMARK, EOM, ILI, reserved
        SenseData s = SenseData.parse(fixed(0xF0, 0xE2, 0x3A, 0x02));
        assertThat(s.responseCode()).isEqualTo(0x70);
        assertThat(s.key()).isEqualTo(SenseData.NOT_READY);
        assertThat(s.asc()).isEqualTo(0x3A);
        assertThat(s.ascq()).isEqualTo(0x02);
    }

    @Test
    void deferredFixedFormatIsDecodedLikeCurrent() {
        SenseData s = SenseData.parse(fixed(0x71, 0x03, 0x0C, 0x00));
        assertThat(s.responseCode()).isEqualTo(0x71);
        assertThat(s.key()).isEqualTo(SenseData.MEDIUM_ERROR);
        assertThat(s.describe()).isEqualTo("3/0C/00 MEDIUM ERROR: write error");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x72, 0x73})
    void descriptorFormatDecodesKeyAscAscq(int code) {
        // header only (8 bytes) plus room for one descriptor; additional sense length 0 here
        byte[] b = {(byte) code, 0x06, 0x29, 0x01, 0, 0, 0, 0};
        SenseData s = SenseData.parse(b);
        assertThat(s.responseCode()).isEqualTo(code);
        assertThat(s.key()).isEqualTo(SenseData.UNIT_ATTENTION);
        assertThat(s.asc()).isEqualTo(0x29);
        assertThat(s.ascq()).isEqualTo(0x01);
        assertThat(s.describe()).isEqualTo("6/29/01 UNIT ATTENTION: power on occurred");
    }

    @Test
    void descriptorFormatDoesNotReadTheFixedOffsets() {
        byte[] b = new byte[18];
        b[0] = 0x72;
        b[1] = 0x02;
        b[2] = 0x04;
        b[3] = 0x08;
        b[12] = 0x55; // would be ASC in fixed format
        b[13] = 0x66;
        SenseData s = SenseData.parse(b);
        assertThat(s.is(2, 0x04, 0x08)).isTrue();
        assertThat(s.describe()).isEqualTo("2/04/08 NOT READY: logical unit not ready, long write in progress");
    }

    @Test
    void shortBuffersDoNotThrowAndReadMissingFieldsAsZero() {
        assertThatCode(() -> SenseData.parse(new byte[0])).doesNotThrowAnyException();
        SenseData empty = SenseData.parse(new byte[0]);
        assertThat(empty.key()).isZero();
        assertThat(empty.raw()).isEmpty();

        SenseData threeBytes = SenseData.parse(new byte[]{0x70, 0, 0x05});
        assertThat(threeBytes.key()).isEqualTo(5);
        assertThat(threeBytes.asc()).isZero();
        assertThat(threeBytes.ascq()).isZero();

        SenseData thirteen = SenseData.parse(java.util.Arrays.copyOf(fixed(0x70, 0x02, 0x3A, 0x01), 13));
        assertThat(thirteen.asc()).isEqualTo(0x3A);
        assertThat(thirteen.ascq()).isZero();

        SenseData descriptorTwo = SenseData.parse(new byte[]{0x72, 0x0B});
        assertThat(descriptorTwo.key()).isEqualTo(SenseData.ABORTED_COMMAND);
        assertThat(descriptorTwo.asc()).isZero();

        for (int len = 0; len <= 18; len++) {
            byte[] cut = java.util.Arrays.copyOf(fixed(0x70, 0x05, 0x24, 0x00), len);
            assertThatCode(() -> SenseData.parse(cut).describe()).doesNotThrowAnyException();
        }
    }

    @Test
    void bytesInNoSenseFormatAreMalformedAndNoConditionIsReadOutOfThem() {
        SenseData garbage = SenseData.parse(new byte[] {0x00, 0x00, 0x05, 0x00});
        assertThat(garbage.wellFormed()).isFalse();
        assertThat(garbage.key()).as("byte 2 is not a key outside the fixed format").isZero();
        assertThat(garbage.describe()).isEqualTo("malformed sense data (response code 0x00, 4 bytes: 00000500)");
        SenseData cut = SenseData.parse(java.util.Arrays.copyOf(fixed(0x70, 0x02, 0x3A, 0x01), 13));
        assertThat(cut.wellFormed()).as("13 bytes cannot hold the ASCQ").isFalse();
        assertThat(cut.describe()).startsWith("malformed sense data (response code 0x70, 13 bytes: ");
        assertThat(SenseData.parse(new byte[0]).describe()).isEqualTo("no sense data (0 bytes)");
        byte[] long64 = new byte[64];
        long64[0] = 0x10;
        assertThat(SenseData.parse(long64).describe()).endsWith("...)").hasSizeLessThan(130);
        assertThat(SenseData.parse(fixed(0x70, 5, 0x20, 0)).wellFormed()).isTrue();
        assertThat(SenseData.parse(new byte[] {0x72, 0x06, 0x29, 0x01}).wellFormed()).isTrue();
    }

    @Test
    void describeNamesKeyAndCondition() {
        assertThat(SenseData.parse(fixed(0x70, 5, 0x20, 0)).describe())
                .isEqualTo("5/20/00 ILLEGAL REQUEST: invalid command operation code");
        assertThat(SenseData.fixed(2, 0x3A, 0x00).describe()).isEqualTo("2/3A/00 NOT READY: medium not present");
        assertThat(SenseData.fixed(0xB, 0x4B, 0x00).describe()).isEqualTo("B/4B/00 ABORTED COMMAND: data phase error");
        assertThat(SenseData.fixed(0, 0, 0).toString()).isEqualTo("0/00/00 NO SENSE: no additional sense information");
    }

    @Test
    void unknownQualifierFallsBackToTheAscFamily() {
        assertThat(SenseData.fixed(2, 0x3A, 0x05).describe())
                .isEqualTo("2/3A/05 NOT READY: medium not present (qualifier 0x05)");
    }

    @Test
    void unknownAscFallsBackToTheNumbers() {
        assertThat(SenseData.fixed(4, 0x99, 0x01).describe())
                .isEqualTo("4/99/01 HARDWARE ERROR: additional sense 0x99/0x01");
        assertThat(SenseTexts.ascText(0xF0, 0x00)).isEqualTo("additional sense 0xF0/0x00");
    }

    @Test
    void everySenseKeyHasAName() {
        for (int key = 0; key < 16; key++) {
            assertThat(SenseTexts.keyName(key)).isNotBlank();
        }
        assertThat(SenseTexts.keyName(0x09)).isEqualTo("VENDOR SPECIFIC");
    }

    @Test
    void fixedFactoryBuildsWhatParseReads() {
        SenseData built = SenseData.fixed(SenseData.NOT_READY, 0x04, 0x08);
        byte[] raw = built.raw();
        assertThat(raw).hasSize(18);
        assertThat(raw[0]).isEqualTo((byte) 0x70);
        assertThat(raw[7]).isEqualTo((byte) 10);
        SenseData back = SenseData.parse(raw);
        assertThat(back.is(2, 0x04, 0x08)).isTrue();
        assertThat(back.hex()).isEqualTo("700002000000000a0000000004080000" + "0000");
    }

    @Test
    void rawBytesAreCopiedInAndOut() {
        byte[] b = fixed(0x70, 5, 0x24, 0);
        SenseData s = SenseData.parse(b);
        b[12] = 0x11;
        assertThat(s.raw()[12]).isEqualTo((byte) 0x24);
        s.raw()[12] = 0x22;
        assertThat(s.raw()[12]).isEqualTo((byte) 0x24);
    }
}
