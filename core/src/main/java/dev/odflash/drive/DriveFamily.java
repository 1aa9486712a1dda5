package dev.odflash.drive;

import java.util.Locale;

/** The unit of support: how the flash of a drive is programmed (docs/architecture.md "Drive families"). */
public enum DriveFamily {
    /** 8051-era MTK drives; the host programs the chip through the drive's vendor mode. */
    MTK8051(true),
    /** BTC DRW-1004/1008/1108: WRITE BUFFER with a checksum header (btcflash). */
    BTC(false),
    /** TSST / Samsung: vendor CDB FF 00 01 (redumper, coastermelt). */
    TSST(false),
    /** LG/ASUS MT1959 and MT1939: WRITE BUFFER modes 1/6/7, READ BUFFER mode 6. */
    MT19XX(false),
    /** Any chip on an external programmer clip (libflashrom). */
    EXTERNAL(true);

    private final boolean chipStyle;

    DriveFamily(boolean chipStyle) {
        this.chipStyle = chipStyle;
    }

    /** Chip style: the host sees the chip; otherwise download style: the drive burns a streamed image. */
    public boolean chipStyle() {
        return chipStyle;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DriveFamily parse(String word) {
        return valueOf(word.strip().toUpperCase(Locale.ROOT));
    }
}
