package dev.odflash.emulator.firmware;

import dev.odflash.bytes.Ascii;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;

import static dev.odflash.emulator.firmware.Mtk8051Firmware.BANK;
import static dev.odflash.emulator.firmware.Mtk8051Firmware.BOOT_REGION;
import static dev.odflash.emulator.firmware.Mtk8051Firmware.SECTOR;
import static dev.odflash.emulator.firmware.Mtk8051Firmware.TEMPLATE_OFFSET;
import static dev.odflash.emulator.firmware.Mtk8051Firmware.VERSIONS;
import static dev.odflash.emulator.firmware.Mtk8051Firmware.generate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Mtk8051FirmwareTest {
    private static final String VENDOR = "ASUS";
    private static final String PRODUCT = "CRW-5224A";

    static List<Integer> sizes() {
        return Mtk8051Firmware.SIZES;
    }

    @Test
    void sameArgumentsGiveTheSameBytes() {
        assertThat(generate(VENDOR, PRODUCT, "1.20", 0x80000)).containsExactly(generate(VENDOR, PRODUCT, "1.20", 0x80000));
        assertThat(generate(VENDOR, PRODUCT, "1.20", 0x80000)).isNotEqualTo(generate("LITE-ON", PRODUCT, "1.20", 0x80000));
    }

    /**
     * OmniPatcher's fw_parse (docs/protocols.md §4.1): in bank 0 after 0x4000 it looks for
     * E5 90 54 xx B4 00 with xx = 0x0F or 0x1F in a 1 MiB image and xx = 0x07 in the others, and calls
     * the firmware invalid when it finds none. The search is OP's, written out here, not odflash's checker.
     */
    @ParameterizedTest
    @MethodSource("sizes")
    void bankSelectMaskIsTheOneOmniPatcherExpectsForTheSize(int size) {
        byte[] image = generate(VENDOR, PRODUCT, "1.10", size);
        List<Integer> masks = size == 0x100000 ? List.of(0x0F, 0x1F) : List.of(0x07);
        int found = -1;
        for (int at = 0x4000; at + 6 <= 0x10000; at++) {
            if ((image[at] & 0xFF) == 0xE5 && (image[at + 1] & 0xFF) == 0x90 && image[at + 2] == 0x54
                    && masks.contains(image[at + 3] & 0xFF) && (image[at + 4] & 0xFF) == 0xB4 && image[at + 5] == 0) {
                found = at;
                break;
            }
        }
        assertThat(found).as("OP finds its bank-select routine in a %d KiB image", size / 1024).isGreaterThanOrEqualTo(0x4000);
        byte expected = (byte) (size == 0x100000 ? 0x0F : 0x07);
        assertThat(Arrays.copyOfRange(image, found, found + 6))
                .containsExactly((byte) 0xE5, (byte) 0x90, 0x54, expected, (byte) 0xB4, 0x00);
    }

    @Test
    void rejectsUnknownSizesAndVersions() {
        assertThatThrownBy(() -> generate(VENDOR, PRODUCT, "1.00", 0x30000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> generate(VENDOR, PRODUCT, "2.00", 0x20000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> generate("TOO-LONG-VENDOR", PRODUCT, "1.00", 0x20000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Mtk8051Firmware.dateOf("0.9")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void everyBankStartsWithLjmpAndEndsInFreeSpace(int size) {
        for (String version : VERSIONS) {
            byte[] image = generate(VENDOR, PRODUCT, version, size);
            assertThat(image).hasSize(size);
            for (int bank = 0; bank < size / BANK; bank++) {
                assertThat(image[bank * BANK]).as("bank %d", bank).isEqualTo((byte) 0x02);
                assertThat(freeBytes(image, bank * BANK, (bank + 1) * BANK)).as("free space in bank %d", bank)
                        .isGreaterThan(2 * SECTOR);
            }
            assertThat(image[BOOT_REGION]).isEqualTo((byte) 0x02);
        }
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void bootRegionIsTheSameInEveryVersion(int size) {
        byte[] first = Arrays.copyOf(generate(VENDOR, PRODUCT, "1.00", size), BOOT_REGION);
        for (String version : VERSIONS) {
            assertThat(Arrays.copyOf(generate(VENDOR, PRODUCT, version, size), BOOT_REGION)).containsExactly(first);
        }
    }

    @Test
    void templateCarriesTheIdentity() {
        for (String version : VERSIONS) {
            byte[] image = generate(VENDOR, PRODUCT, version, 0x40000);
            assertThat(Arrays.copyOfRange(image, TEMPLATE_OFFSET, TEMPLATE_OFFSET + 8))
                    .containsExactly(0x05, 0x80, 0x00, 0x32, 0x5B, 0x00, 0x00, 0x00);
            assertThat(Ascii.field(image, TEMPLATE_OFFSET + 8, 8)).isEqualTo(VENDOR);
            assertThat(Ascii.field(image, TEMPLATE_OFFSET + 16, 16)).isEqualTo(PRODUCT);
            assertThat(Ascii.field(image, TEMPLATE_OFFSET + 32, 4)).isEqualTo(version);
            assertThat(Ascii.field(image, TEMPLATE_OFFSET + 36, 16)).isEqualTo(Mtk8051Firmware.dateOf(version));
        }
        assertThat(VERSIONS.stream().map(Mtk8051Firmware::dateOf).distinct()).hasSize(VERSIONS.size());
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void eachVersionChangesTenToThirtyPercentOfSectorsWithVariedKinds(int size) {
        for (String[] names : List.of(new String[]{VENDOR, PRODUCT}, new String[]{"LITE-ON", "LTR-52246S"})) {
            int sectors = size / SECTOR;
            int outsideBoot = sectors - BOOT_REGION / SECTOR;
            for (int step = 1; step < VERSIONS.size(); step++) {
                byte[] before = generate(names[0], names[1], VERSIONS.get(step - 1), size);
                byte[] after = generate(names[0], names[1], VERSIONS.get(step), size);
                int changed = 0;
                int programOnlyOnByte = 0;
                int needsErase = 0;
                int bitsOnlyNotByte = 0;
                for (int s = 0; s < sectors; s++) {
                    SectorChange c = SectorChange.of(before, after, s * SECTOR);
                    if (c == SectorChange.SAME) {
                        continue;
                    }
                    assertThat(s).as("boot region sector changed").isGreaterThanOrEqualTo(BOOT_REGION / SECTOR);
                    changed++;
                    switch (c) {
                        case ONLY_FF_BYTES -> programOnlyOnByte++;
                        case ONLY_CLEARED_BITS -> bitsOnlyNotByte++;
                        case NEEDS_ERASE -> needsErase++;
                        case SAME -> { }
                    }
                }
                String what = names[0] + " " + VERSIONS.get(step) + " " + size;
                assertThat((double) changed / sectors).as(what).isBetween(0.10, 0.30);
                assertThat((double) changed / outsideBoot).as(what).isBetween(0.10, 0.30);
                assertThat(programOnlyOnByte).as(what).isPositive();
                assertThat(needsErase).as(what).isPositive();
                assertThat(bitsOnlyNotByte).as(what).isPositive();
            }
        }
    }

    @Test
    void liteOnImagesCarryTheMarker() {
        byte[] image = generate("LITE-ON", "LTR-52246S", "1.10", 0x100000);
        assertThat(Ascii.field(image, 0xFFF8, 8)).isEqualTo("LITEONIT");
        assertThat(Ascii.field(generate(VENDOR, PRODUCT, "1.10", 0x100000), 0xFFF8, 8)).isNotEqualTo("LITEONIT");
    }

    private static int freeBytes(byte[] image, int from, int to) {
        int n = 0;
        for (int i = to - 1; i >= from && image[i] == (byte) 0xFF; i--) {
            n++;
        }
        return n;
    }

    /** How a sector changed, in write-model terms (docs/architecture.md "Write models"). */
    enum SectorChange {
        SAME, ONLY_FF_BYTES, ONLY_CLEARED_BITS, NEEDS_ERASE;

        static SectorChange of(byte[] before, byte[] after, int base) {
            boolean changed = false;
            boolean allWereFf = true;
            boolean onlyClears = true;
            for (int i = base; i < base + SECTOR; i++) {
                if (before[i] == after[i]) {
                    continue;
                }
                changed = true;
                allWereFf &= before[i] == (byte) 0xFF;
                onlyClears &= (after[i] & ~before[i]) == 0;
            }
            if (!changed) {
                return SAME;
            }
            return allWereFf ? ONLY_FF_BYTES : onlyClears ? ONLY_CLEARED_BITS : NEEDS_ERASE;
        }
    }
}
