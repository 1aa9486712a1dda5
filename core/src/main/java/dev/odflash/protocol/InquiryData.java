package dev.odflash.protocol;

import dev.odflash.bytes.Ascii;

/**
 * Standard INQUIRY data (SPC-4 §6.6.2): peripheral device type (5 = CD/DVD), vendor (8 bytes at 8),
 * product (16 at 16), revision (4 at 32); drives put vendor-specific text at 36-55 (a firmware date
 * on many MTK drives) when 96 bytes are asked for.
 */
public record InquiryData(int peripheralType, boolean removable, int version, String vendor, String product,
                          String revision, String vendorSpecific, byte[] raw) {
    public static final int TYPE_CD_DVD = 5;

    public InquiryData {
        raw = raw.clone();
    }

    public static InquiryData parse(byte[] data) {
        if (data.length < 36) {
            throw new IllegalArgumentException("INQUIRY data needs 36 bytes, got " + data.length);
        }
        return new InquiryData(data[0] & 0x1F, (data[1] & 0x80) != 0, data[2] & 0xFF,
                Ascii.field(data, 8, 8), Ascii.field(data, 16, 16), Ascii.field(data, 32, 4),
                data.length >= 56 ? Ascii.field(data, 36, 20) : "", data);
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    /** "ASUS CRW-5224A 1.10". */
    public String identity() {
        return vendor + " " + product + " " + revision;
    }
}
