package dev.odflash.family.mtk8051;

/**
 * What a Status value read in or around vendor mode means (docs/protocols.md §2.6.2): the three signatures, the
 * busy values polled through, and the values named in messages. No source defines the bits.
 */
final class VendorStatus {
    static final int PARALLEL = 0x70;
    static final int SPI = 0x72;
    static final int SPI_SWAPPED = 0x73;

    private VendorStatus() {
    }

    static boolean signature(int status) {
        return status == PARALLEL || status == SPI || status == SPI_SWAPPED;
    }

    static boolean busy(int status) {
        return status == 0xD0 || status == 0xD1;
    }

    /** Values that, during the intro, mean "not in vendor mode yet": the intro is sent again (bounded). */
    static boolean notYet(int status) {
        return status == 0x80 || status == 0x7F || status == 0x51;
    }

    static String describe(int status) {
        String meaning = switch (status) {
            case PARALLEL -> "vendor mode, parallel flash";
            case SPI -> "vendor mode, serial (SPI) flash";
            case SPI_SWAPPED -> "vendor mode, serial (SPI) flash, swapped length bytes";
            case 0x51 -> "a normal drive refused the vendor command";
            case 0x50 -> "a normal idle drive";
            case 0x7F, 0xFF -> "nothing on the port";
            case 0xD0, 0xD1 -> "busy";
            default -> "not a vendor-mode signature";
        };
        return String.format("Status 0x%02X (%s)", status, meaning);
    }
}
