package dev.odflash.transport;

/**
 * A flash chip's identification: JEDEC manufacturer ID (with 0x7F continuation codes kept in the
 * high byte, e.g. 0x7F1C for Eon) and device ID (one byte for parallel parts, two for SPI RDID).
 */
public record JedecId(int manufacturer, int device) {
    public String manufacturerHex() {
        return hex(manufacturer);
    }

    public String deviceHex() {
        return hex(device);
    }

    private static String hex(int value) {
        return String.format(value > 0xFF ? "0x%04X" : "0x%02X", value);
    }

    @Override
    public String toString() {
        return manufacturerHex() + "/" + deviceHex();
    }
}
