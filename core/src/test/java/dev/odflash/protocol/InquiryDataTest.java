package dev.odflash.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Standard INQUIRY data, laid out by hand per SPC-4 §6.6.2 (standard INQUIRY data format table):
 * byte 0 peripheral qualifier (7..5) / device type (4..0), byte 1 bit 7 RMB, byte 2 VERSION, byte 3
 * response data format, byte 4 additional length (n - 4), T10 vendor identification 8..15, product
 * identification 16..31, product revision level 32..35, vendor specific 36..55, all ASCII space-padded.
 */
class InquiryDataTest {

    private static void put(byte[] b, int offset, int width, String text) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(b, offset, offset + width, (byte) ' ');
        System.arraycopy(t, 0, b, offset, Math.min(width, t.length));
    }

    /** A 96-byte reply as an optical drive gives it for allocation length 96. */
    private static byte[] reply(int length, String vendor, String product, String revision, String vendorSpecific) {
        byte[] b = new byte[length];
        b[0] = 0x05;             // qualifier 000b, device type 05h = CD/DVD (MMC)
        b[1] = (byte) 0x80;      // RMB = 1, removable medium
        b[2] = 0x00;             // VERSION 0: no standard claimed, as ATAPI drives commonly report
        b[3] = 0x32;             // ACA/HiSup bits and response data format 2
        b[4] = (byte) (length - 5); // additional length: 0x1F for 36 bytes, 0x5B for 96
        put(b, 8, 8, vendor);
        put(b, 16, 16, product);
        put(b, 32, 4, revision);
        if (length >= 56) {
            put(b, 36, 20, vendorSpecific);
        }
        return b;
    }

    @Test
    void decodesTheStandardFields() {
        InquiryData q = InquiryData.parse(reply(96, "TSSTcorp", "BDDVDW SE-506CB", "TS01", "0528"));
        assertThat(q.peripheralType()).isEqualTo(InquiryData.TYPE_CD_DVD);
        assertThat(q.removable()).isTrue();
        assertThat(q.version()).isZero();
        assertThat(q.vendor()).isEqualTo("TSSTcorp");
        assertThat(q.product()).isEqualTo("BDDVDW SE-506CB");
        assertThat(q.revision()).isEqualTo("TS01");
        assertThat(q.vendorSpecific()).isEqualTo("0528");
        assertThat(q.identity()).isEqualTo("TSSTcorp BDDVDW SE-506CB TS01");
        assertThat(q.raw()).hasSize(96);
    }

    @Test
    void trailingPaddingIsRemovedButInnerSpacesKept() {
        // LG pads the product field with inner spaces; only the tail is trimmed
        InquiryData q = InquiryData.parse(reply(36, "HL-DT-ST", "BD-RE  BH16NS40", "1.03", ""));
        assertThat(q.vendor()).isEqualTo("HL-DT-ST");
        assertThat(q.product()).isEqualTo("BD-RE  BH16NS40");
    }

    @Test
    void nulPaddingIsTreatedAsSpace() {
        byte[] b = reply(36, "ASUS", "CRW-5224A", "1.10", "");
        Arrays.fill(b, 12, 16, (byte) 0);   // vendor "ASUS" followed by NULs instead of spaces
        Arrays.fill(b, 25, 32, (byte) 0);
        InquiryData q = InquiryData.parse(b);
        assertThat(q.vendor()).isEqualTo("ASUS");
        assertThat(q.product()).isEqualTo("CRW-5224A");
    }

    @Test
    void peripheralQualifierAndNonRemovableAreDecoded() {
        byte[] b = reply(36, "QEMU", "QEMU HARDDISK", "2.5+", "");
        b[0] = (byte) (0x20 | 0x00); // qualifier 001b (not connected), device type 0 (direct access)
        b[1] = 0x00;
        b[2] = 0x05;                 // SPC-3
        InquiryData q = InquiryData.parse(b);
        assertThat(q.peripheralType()).isZero();
        assertThat(q.removable()).isFalse();
        assertThat(q.version()).isEqualTo(5);
    }

    @Test
    void thirtySixBytesCarryNoVendorSpecificArea() {
        InquiryData q = InquiryData.parse(reply(36, "LITE-ON", "LTD-163", "GDHG", ""));
        assertThat(q.vendorSpecific()).isEmpty();
        assertThat(q.raw()).hasSize(36);
    }

    @Test
    void vendorSpecificNeedsAllTwentyBytes() {
        byte[] full = reply(96, "ASUS", "BW-16D1HT", "3.02", "W000800KL8J9NJ3134");
        assertThat(InquiryData.parse(Arrays.copyOf(full, 56)).vendorSpecific()).isEqualTo("W000800KL8J9NJ3134");
        assertThat(InquiryData.parse(Arrays.copyOf(full, 55)).vendorSpecific()).isEmpty();
    }

    @Test
    void fewerThanThirtySixBytesAreRefused() {
        assertThatThrownBy(() -> InquiryData.parse(new byte[35]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("35");
        assertThatThrownBy(() -> InquiryData.parse(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonPrintableBytesDoNotBreakDecoding() {
        byte[] b = reply(36, "BTC", "DVD+-RW DRW1008", "0036", "");
        b[30] = 0x07;
        InquiryData q = InquiryData.parse(b);
        assertThat(q.product()).hasSize(15).startsWith("DVD+-RW DRW1008".substring(0, 14));
        assertThat(q.product().charAt(14)).isEqualTo('.');
    }

    @Test
    void rawIsACopy() {
        byte[] b = reply(36, "ASUS", "CRW-5224A", "1.10", "");
        InquiryData q = InquiryData.parse(b);
        b[8] = 'X';
        assertThat(q.raw()[8]).isEqualTo((byte) 'A');
        q.raw()[8] = 'Y';
        assertThat(q.raw()[8]).isEqualTo((byte) 'A');
    }
}
