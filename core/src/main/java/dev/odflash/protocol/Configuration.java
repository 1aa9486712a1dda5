package dev.odflash.protocol;

import java.util.List;

/** GET CONFIGURATION reply: the current profile (MMC-6 Table 85; 0 = no medium) and the features. */
public record Configuration(int currentProfile, List<Feature> features) {
    public Configuration {
        features = List.copyOf(features);
    }

    public static Configuration parse(byte[] data, int length) {
        if (Math.min(length, data.length) < 8) {
            throw new IllegalArgumentException("GET CONFIGURATION header needs 8 bytes, got " + length);
        }
        int available = Math.min(length, data.length);
        int dataLength = (int) Math.min(available, 4L + readInt(data, 0));
        int profile = (data[6] & 0xFF) << 8 | data[7] & 0xFF;
        var features = new java.util.ArrayList<Feature>();
        int pos = 8;
        while (pos + 4 <= dataLength) {
            int code = (data[pos] & 0xFF) << 8 | data[pos + 1] & 0xFF;
            int flags = data[pos + 2] & 0xFF;
            int additional = data[pos + 3] & 0xFF;
            int end = Math.min(dataLength, pos + 4 + additional);
            features.add(new Feature(code, flags >> 2 & 0x0F, (flags & 0x02) != 0, (flags & 0x01) != 0,
                    java.util.Arrays.copyOfRange(data, pos + 4, end)));
            pos = pos + 4 + additional;
        }
        return new Configuration(profile, features);
    }

    /** Feature 0x0108 (MMC-6 §5.3 feature descriptors, "Logical Unit Serial Number"): the serial in ASCII, padded to 4 bytes. */
    public static final int LOGICAL_UNIT_SERIAL_NUMBER = 0x0108;

    /** The unit's serial number from feature 0x0108, when the drive lists it with printable ASCII. */
    public java.util.Optional<String> unitSerial() {
        return features.stream().filter(f -> f.code() == LOGICAL_UNIT_SERIAL_NUMBER).findFirst()
                .flatMap(f -> printable(f.data(), 0, f.data().length));
    }

    /** Feature 0x010C (MMC-6 "Firmware Information"): century, year, month, day, hour, minute, second as ASCII digits. */
    public static final int FIRMWARE_INFORMATION = 0x010C;

    /**
     * The firmware date from feature 0x010C as ISO-8601 ({@code 2016-03-21T10:42:00}, or the date alone
     * when the time digits are missing); empty when the drive does not list it or the digits are not a date.
     */
    public java.util.Optional<String> firmwareDate() {
        return features.stream().filter(f -> f.code() == FIRMWARE_INFORMATION).findFirst()
                .flatMap(f -> printable(f.data(), 0, Math.min(14, f.data().length)))
                .flatMap(Configuration::isoDate);
    }

    private static java.util.Optional<String> isoDate(String digits) {
        if (!digits.matches("\\d{8}(\\d{6})?")) {
            return java.util.Optional.empty();
        }
        try {
            java.time.LocalDate date = java.time.LocalDate.of(Integer.parseInt(digits.substring(0, 4)),
                    Integer.parseInt(digits.substring(4, 6)), Integer.parseInt(digits.substring(6, 8)));
            if (digits.length() == 8) {
                return java.util.Optional.of(date.toString());
            }
            java.time.LocalTime time = java.time.LocalTime.of(Integer.parseInt(digits.substring(8, 10)),
                    Integer.parseInt(digits.substring(10, 12)), Integer.parseInt(digits.substring(12, 14)));
            return java.util.Optional.of(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                    java.time.LocalDateTime.of(date, time)));
        } catch (java.time.DateTimeException e) {
            return java.util.Optional.empty(); // not a date: say nothing rather than something wrong
        }
    }

    /**
     * ASCII bytes without the blanks and NULs that pad them; empty when nothing is left or a byte is
     * not printable (a serial is used as a key, so a garbled one must not be taken for a serial).
     */
    public static java.util.Optional<String> printable(byte[] data, int from, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < from + length && i < data.length; i++) {
            int b = data[i] & 0xFF;
            if (b == 0) {
                continue;
            }
            if (b < 0x20 || b > 0x7E) {
                return java.util.Optional.empty();
            }
            s.append((char) b);
        }
        String t = s.toString().strip();
        return t.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(t);
    }

    private static long readInt(byte[] d, int o) {
        return ((d[o] & 0xFFL) << 24) | ((d[o + 1] & 0xFFL) << 16) | ((d[o + 2] & 0xFFL) << 8) | (d[o + 3] & 0xFFL);
    }

    /** Profile names from MMC-6 Table 85. */
    public static String profileName(int profile) {
        return switch (profile) {
            case 0x0000 -> "no current profile (no medium)";
            case 0x0008 -> "CD-ROM";
            case 0x0009 -> "CD-R";
            case 0x000A -> "CD-RW";
            case 0x0010 -> "DVD-ROM";
            case 0x0011 -> "DVD-R";
            case 0x0012 -> "DVD-RAM";
            case 0x0013, 0x0014 -> "DVD-RW";
            case 0x001A -> "DVD+RW";
            case 0x001B -> "DVD+R";
            case 0x0040 -> "BD-ROM";
            case 0x0041, 0x0042 -> "BD-R";
            case 0x0043 -> "BD-RE";
            default -> String.format("profile 0x%04X", profile);
        };
    }
}
