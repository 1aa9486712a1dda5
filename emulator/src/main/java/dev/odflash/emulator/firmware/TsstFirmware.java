package dev.odflash.emulator.firmware;

import java.util.List;

/**
 * Synthetic TSST/Samsung 8051-generation download firmware (docs/protocols.md §2.1):
 * <ul>
 *   <li>{@code tsst-mt1339}: 256 KiB (docs/architecture.md "Contracts"), vendor "TSSTcorp", a product from
 *       redumper's TSST list, e.g. "DVD-ROM TS-H353B";</li>
 *   <li>{@code sd616}: exactly 0x20000 bytes, "SAMSUNG" "DVD-ROM SD-616F" (RD flash_sd616); and the
 *       0x30000 buffer redumper streams ({@link #sd616DownloadBuffer}), written here from RD's table on
 *       its own so a bug in the host's copy does not cancel out.</li>
 * </ul>
 * Inside, both are {@link Mtk8051Firmware} images [I: the chips are 8051-era MediaTek]; revisions are
 * modelled in TSST's letter+digit style.
 */
public final class TsstFirmware {
    public static final List<String> MT1339_VERSIONS = List.of("SB00", "SB01", "SB02", "SB04");
    public static final List<String> SD616_VERSIONS = List.of("F101", "F102", "F104", "F106");
    public static final int MT1339_SIZE = 0x40000;
    public static final int SD616_SIZE = 0x20000;

    private TsstFirmware() {
    }

    public static byte[] mt1339(String product, String version) {
        byte[] image = Mtk8051Firmware.generate("TSSTcorp", product, Relabel.chainVersion(MT1339_VERSIONS, version, "mt1339"),
                MT1339_SIZE);
        Relabel.revision(image, Mtk8051Firmware.TEMPLATE_OFFSET, version);
        return image;
    }

    public static byte[] sd616(String version) {
        byte[] image = Mtk8051Firmware.generate("SAMSUNG", "DVD-ROM SD-616F", Relabel.chainVersion(SD616_VERSIONS, version, "sd616"),
                SD616_SIZE);
        Relabel.revision(image, Mtk8051Firmware.TEMPLATE_OFFSET, version);
        return image;
    }

    /** RD's rearrangement: a zero-filled 0x30000 buffer with four copies (docs/protocols.md §2.1 table). */
    public static byte[] sd616DownloadBuffer(byte[] file) {
        byte[] buf = new byte[0x30000];
        System.arraycopy(file, 0x00000, buf, 0x00000, 0x10000);
        System.arraycopy(file, 0x10000, buf, 0x10400, 0x1FC00 - 0x10400);
        System.arraycopy(file, 0x1F800, buf, 0x20000, 0x800);
        System.arraycopy(file, 0x10400, buf, 0x20800, 0x2FC00 - 0x20800);
        return buf;
    }
}
