package dev.odflash.emulator.firmware;

import java.util.Arrays;
import java.util.List;

/**
 * Synthetic BTC DRW-1004/1008/1108 firmware (layout {@code btc}): a 1 MiB 8051 image (docs/protocols.md §2.3,
 * btcflash {@code FLASHSIZE}) whose INQUIRY template sits so that vendor(8), product(16) and revision(4)
 * land at 0x40BC / 0x40C4 / 0x40D4, where btcflash reads them (the template header at 0x40B4, [I] §4.1).
 * Vendor "BTC" and the product names are modelled (the drive table's BTC rows); revisions are modelled.
 * No checksum is stored: btcflash computes the byte sum at send time.
 */
public final class BtcFirmware {
    public static final List<String> VERSIONS = List.of("0036", "0040", "0058", "0076");
    public static final List<String> PRODUCTS = List.of("DRW1004IM", "DRW1008IM", "DRW1108IM");
    public static final int SIZE = 0x100000;
    static final int TEMPLATE = 0x40B4;

    private BtcFirmware() {
    }

    public static byte[] generate(String product, String version) {
        if (!PRODUCTS.contains(product)) {
            throw new IllegalArgumentException("no synthetic BTC product '" + product + "' (" + String.join(", ", PRODUCTS) + ")");
        }
        String chain = Relabel.chainVersion(VERSIONS, version, "btc");
        byte[] image = Mtk8051Firmware.generate("BTC", product, chain, SIZE);
        // Move the template from the generator's 0x4100 to 0x40B4; the slot it leaves is unused flash.
        byte[] template = Arrays.copyOfRange(image, Mtk8051Firmware.TEMPLATE_OFFSET,
                Mtk8051Firmware.TEMPLATE_OFFSET + Mtk8051Firmware.TEMPLATE_LENGTH);
        Arrays.fill(image, Mtk8051Firmware.TEMPLATE_OFFSET,
                Mtk8051Firmware.TEMPLATE_OFFSET + Mtk8051Firmware.TEMPLATE_LENGTH, (byte) 0xFF);
        System.arraycopy(template, 0, image, TEMPLATE, template.length);
        Relabel.revision(image, TEMPLATE, version);
        return image;
    }
}
