package dev.odflash.emulator;

import dev.odflash.drive.DriveFamily;
import dev.odflash.drive.ImageLayout;
import dev.odflash.emulator.firmware.BtcFirmware;
import dev.odflash.emulator.firmware.Mt1939Firmware;
import dev.odflash.emulator.firmware.Mt1959Firmware;
import dev.odflash.emulator.firmware.Mtk8051Firmware;
import dev.odflash.emulator.firmware.TsstFirmware;

import java.util.List;
import java.util.Optional;

/** The emulated drives odflash ships (docs/architecture.md "Contracts", "Emulated drives"). */
public final class EmulatorProfiles {
    public static final EmulatorProfile ASUS_CRW_5224A = new EmulatorProfile("asus-crw-5224a", DriveFamily.MTK8051,
            ImageLayout.MTK8051, "ASUS", "CRW-5224A", "SST39SF040", "1.10", Mtk8051Firmware.VERSIONS,
            "ASUS CRW-5224A CD-RW, 8051-era MediaTek; vendor-mode chip access. The real drive's flash part and"
                    + " image size are not public (docs/protocols.md §7.4): chip and image are modelled");

    /**
     * An 8051-era drive with a serial part: status 0x72 and the SPI mailbox, MX25L2005 (in JungleFlasher's SPI table,
     * and the part a published JungleFlasher log shows behind status 0x72, team-xecuter thread 55990). The identity
     * strings are the drive table's PLDS DG-16D2S row; that the log came from that drive is not stated: modelled.
     */
    public static final EmulatorProfile MTK8051_SPI = new EmulatorProfile("mtk8051-spi", DriveFamily.MTK8051,
            ImageLayout.MTK8051, "PLDS", "DG-16D2S", "MX25L2005", "1.10", Mtk8051Firmware.VERSIONS,
            "8051-era MediaTek drive with a serial flash: vendor mode status 0x72 and the SPI mailbox, MX25L2005."
                    + " Vendor and product strings, revisions and image are modelled");

    /** Download families (docs/architecture.md "Families and layouts"). Parts: plausible ones sized to the image (docs/architecture.md), modelled. */
    public static final EmulatorProfile BTC_DRW1008 = new EmulatorProfile("btc-drw1008", DriveFamily.BTC,
            ImageLayout.BTC, "BTC", "DRW1008IM", "MX25L8005", "0040", BtcFirmware.VERSIONS,
            "BTC DRW1008 DVD writer, 8051-era MediaTek; WRITE BUFFER download with a sum header (btcflash)."
                    + " Product string, revisions and the MX25L8005 part are modelled");
    public static final EmulatorProfile TSST_TS_H353C = new EmulatorProfile("tsst-ts-h353c", DriveFamily.TSST,
            ImageLayout.TSST_MT1339, "TSSTcorp", "DVD-ROM TS-H353C", "MX25L2005", "SB01", TsstFirmware.MT1339_VERSIONS,
            "TSST TS-H353C DVD-ROM (MT1339); FF 00 01 download in 0xFC00 blocks (redumper). 256 KiB image size,"
                    + " revisions and the MX25L2005 part are modelled");
    public static final EmulatorProfile SAMSUNG_SD616F = new EmulatorProfile("samsung-sd616f", DriveFamily.TSST,
            ImageLayout.SD616, "SAMSUNG", "DVD-ROM SD-616F", "W25X10", "F102", TsstFirmware.SD616_VERSIONS,
            "Samsung SD-616F DVD-ROM; FF 00 01 download of the rearranged 0x30000 buffer (redumper)."
                    + " Revisions and the W25X10 part are modelled");
    public static final EmulatorProfile SAMSUNG_SE506CB = new EmulatorProfile("samsung-se506cb", DriveFamily.TSST,
            ImageLayout.MT1939, Mt1939Firmware.VENDOR, Mt1939Firmware.PRODUCT, "MX25L1605", "TS01",
            Mt1939Firmware.VERSIONS,
            "Samsung SE-506CB BD writer (MT1939, native USB); FF 00 01 download in 0xF800 blocks with ~10 s stalls,"
                    + " first 64 KiB write-protected (coastermelt). Revisions, the per-unit region and the MX25L1605"
                    + " part (the real flash is internal) are modelled");
    public static final EmulatorProfile ASUS_BW16D1HT = new EmulatorProfile("asus-bw16d1ht", DriveFamily.MT19XX,
            ImageLayout.MT1959, "ASUS", "BW-16D1HT", "MX25L1605", "3.01", Mt1959Firmware.model("BW-16D1HT").versions(),
            "ASUS BW-16D1HT BD writer (MT1959); WRITE BUFFER modes 1/6/7 download, READ BUFFER mode 6 reads the"
                    + " flash (redumper, freemkv). Whole-flash reads, the template position, revisions and the"
                    + " MX25L1605 part are modelled");

    private static final List<EmulatorProfile> ALL = List.of(ASUS_CRW_5224A, MTK8051_SPI, BTC_DRW1008, TSST_TS_H353C,
            SAMSUNG_SD616F, SAMSUNG_SE506CB, ASUS_BW16D1HT);

    private EmulatorProfiles() {
    }

    public static List<EmulatorProfile> all() {
        return ALL;
    }

    public static Optional<EmulatorProfile> byName(String name) {
        return ALL.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }
}
