package dev.odflash.emulator;

import dev.odflash.bytes.Cmac;
import dev.odflash.chip.ChipTable;
import dev.odflash.emulator.download.DownloadFirmware;
import dev.odflash.emulator.firmware.Mtk8051Firmware;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every version of every profile generates an image of its chip's size that carries the facts
 * docs/protocols.md §4 documents for its layout, checked here from the document's offsets: the identity the
 * drive will report, the 8051 bank opcodes, the MT1939 checksum and the MT1959 boot ID and CMAC table.
 */
class ProfileFirmwareTest {
    /** protocols.md §4.1 (OP getfwid): the standard INQUIRY template's first 8 bytes. */
    private static final byte[] TEMPLATE_HEADER = {0x05, (byte) 0x80, 0x00, 0x32, 0x5B, 0x00, 0x00, 0x00};
    /** protocols.md §4.3 (RD allow-list): the boot ID at 0x3000 of each MT1959 model's images. */
    private static final Map<String, String> BOOT_IDS = Map.of("BW-16D1HT", "MT1959 Boot JB8 ");

    @Test
    void everyVersionOfEveryProfileCarriesItsLayoutsFacts() {
        ChipTable chips = ChipTable.builtIn();
        int checked = 0;
        for (EmulatorProfile p : EmulatorProfiles.all()) {
            int size = (int) EmulatedDrives.chipFor(p, null, chips).size();
            for (String v : p.versions()) {
                byte[] image = p.family().chipStyle() ? Mtk8051Firmware.generate(p.vendor(), p.product(), v, size)
                        : DownloadFirmware.image(p, v);
                String what = p.name() + " " + v;
                assertThat(image).as(what).hasSize(size);
                switch (p.layout()) {
                    case MTK8051, TSST_MT1339, SD616 -> {
                        banks(image, what);
                        assertThat(templateAfter0x4000(image, what)).as(what).isEqualTo(identity(p, v));
                    }
                    case BTC -> {
                        banks(image, what);
                        // protocols.md §4.1 (BT): vendor, product and revision at 0x40BC / 0x40C4 / 0x40D4
                        assertThat(ascii(image, 0x40BC, 8) + ascii(image, 0x40C4, 16) + ascii(image, 0x40D4, 4))
                                .as(what).isEqualTo(identity(p, v));
                        assertThat(Arrays.copyOfRange(image, 0x40B4, 0x40BC)).as(what).isEqualTo(TEMPLATE_HEADER);
                    }
                    case MT1939 -> mt1939(image, p, v, what);
                    case MT1959 -> mt1959(image, p, v, what);
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(EmulatorProfiles.all().stream().mapToInt(p -> p.versions().size()).sum());
    }

    /** protocols.md §4.1 (OP fw_mtk_isokay): 0x02 (LJMP) at every 64 KiB bank of a file to be flashed, and at 0x4000. */
    private static void banks(byte[] image, String what) {
        assertThat(image[0x4000]).as(what + " at 0x4000").isEqualTo((byte) 0x02);
        for (int bank = 0; bank < image.length; bank += 0x10000) {
            assertThat(image[bank]).as(what + String.format(" bank at 0x%X", bank)).isEqualTo((byte) 0x02);
        }
    }

    /** protocols.md §4.1: the template searched after 0x4000; vendor (8), product (16), revision (4) after its header. */
    private static String templateAfter0x4000(byte[] image, String what) {
        for (int at = 0x4000; at + 8 + 28 <= image.length; at++) {
            if (Arrays.equals(image, at, at + 8, TEMPLATE_HEADER, 0, 8)) {
                return ascii(image, at + 8, 28);
            }
        }
        throw new AssertionError(what + ": no INQUIRY template after 0x4000");
    }

    /** protocols.md §4.2 (CM): infonub at 0x1FFFD0 and the BE16 sum of 0x10000-0x1E1FFF at 0x1FFFFE. */
    private static void mt1939(byte[] image, EmulatorProfile p, String v, String what) {
        assertThat(ascii(image, 0x1FFFD0, 28)).as(what + " infonub").isEqualTo(identity(p, v));
        int sum = 0;
        for (int i = 0x10000; i <= 0x1E1FFF; i++) {
            sum = (sum + (image[i] & 0xFF)) & 0xFFFF;
        }
        assertThat((image[0x1FFFFE] & 0xFF) << 8 | image[0x1FFFFF] & 0xFF).as(what + " checksum").isEqualTo(sum);
        assertThat(le32(image, 0x10400)).as(what + ": the signature table has an entry").isNotEqualTo(0xFFFFFFFFL);
    }

    /**
     * protocols.md §4.3: the boot ID at 0x3000; the CMAC table at 0x10400 ({enabled, start, end inclusive,
     * MAC[16]}, 0xFFFFFFFF unused), every enabled MAC valid under the emulator's key. Checked with the host's
     * Cmac: the emulator signs with its own, so the two implementations meet only here.
     */
    private static void mt1959(byte[] image, EmulatorProfile p, String v, String what) {
        assertThat(ascii(image, 0x3000, 16)).as(what + " boot ID").isEqualTo(BOOT_IDS.get(p.product()));
        int enabled = 0;
        for (int i = 0; i < 16; i++) {
            int at = 0x10400 + i * 0x1C;
            if (le32(image, at) == 0xFFFFFFFFL) {
                continue;
            }
            enabled++;
            int start = (int) le32(image, at + 4);
            int end = (int) le32(image, at + 8);
            assertThat(start).as(what + " entry " + i).isBetween(0x10000, end);
            assertThat(end).as(what + " entry " + i).isLessThan(image.length);
            assertThat(Arrays.copyOfRange(image, at + 12, at + 28)).as(what + " MAC of entry " + i)
                    .isEqualTo(Cmac.mt1959(DownloadFirmware.MT1959_KEY, image, start, end));
        }
        assertThat(enabled).as(what + ": the table signs something").isPositive();
        // the identity page at 0x1EC000 names the model and the version (FM; content modelled)
        assertThat(ascii(image, 0x1EC000, 32)).as(what).contains(p.product()).contains(v);
    }

    /** What INQUIRY reports: vendor (8), product (16), revision (4), space-padded. */
    private static String identity(EmulatorProfile p, String v) {
        return String.format("%-8s%-16s%-4s", p.vendor(), p.product(), v);
    }

    private static String ascii(byte[] b, int at, int n) {
        return new String(b, at, n, StandardCharsets.US_ASCII);
    }

    private static long le32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }
}
