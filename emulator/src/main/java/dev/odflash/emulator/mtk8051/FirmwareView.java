package dev.odflash.emulator.mtk8051;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the emulated drive's own boot code concludes from its flash at power-on. It locates the
 * INQUIRY template itself (the emulator never reuses the host's image parser, so a parser bug
 * fails a test instead of cancelling out).
 *
 * <p>Template: {@code 05 80 00 32 (5B|1F) 00 00 00} + vendor(8) + product(16) + revision(4) +
 * date(16), searched after the 16 KiB boot code (docs/protocols.md §4.1, OmniPatcher).
 */
record FirmwareView(boolean bootIntact, boolean mainValid, Optional<byte[]> inquiryTemplate) {
    static final int BOOT_REGION = 0x4000;
    static final int BANK = 0x10000;
    static final int TEMPLATE_LENGTH = 8 + 8 + 16 + 4 + 16;

    static FirmwareView of(byte[] flash, byte[] factoryBoot) {
        boolean bootIntact = Arrays.equals(flash, 0, BOOT_REGION, factoryBoot, 0, BOOT_REGION);
        boolean banksOk = true;
        for (int bank = 0; bank < flash.length; bank += BANK) {
            int op = flash[bank] & 0xFF;
            banksOk &= op == 0x02 || op == 0x80; // 8051 LJMP / SJMP at every bank (docs/protocols.md §4.1)
        }
        // A rebanked LiteOn drive's banks start inside code; its boot code finds them by the common area
        // (0x02 at 0x4000) and the "LITEONIT" mark at 0xFFF8 (docs/protocols.md §4.1, OP's second rule).
        banksOk |= rebankedLiteOn(flash);
        Optional<byte[]> template = findTemplate(flash);
        return new FirmwareView(bootIntact, banksOk && template.isPresent(), template);
    }

    private static boolean rebankedLiteOn(byte[] flash) {
        byte[] mark = {'L', 'I', 'T', 'E', 'O', 'N', 'I', 'T'};
        return flash.length >= BANK && flash[0] == 0x02 && flash[BOOT_REGION] == 0x02
                && Arrays.equals(flash, 0xFFF8, 0x10000, mark, 0, mark.length);
    }

    private static Optional<byte[]> findTemplate(byte[] flash) {
        for (int i = BOOT_REGION; i + TEMPLATE_LENGTH <= flash.length; i++) {
            if (flash[i] == 0x05 && flash[i + 1] == (byte) 0x80 && flash[i + 2] == 0x00 && flash[i + 3] == 0x32
                    && (flash[i + 4] == 0x5B || flash[i + 4] == 0x1F)
                    && flash[i + 5] == 0 && flash[i + 6] == 0 && flash[i + 7] == 0
                    && printable(flash, i + 8, 28)) {
                return Optional.of(Arrays.copyOfRange(flash, i, i + TEMPLATE_LENGTH));
            }
        }
        return Optional.empty();
    }

    private static boolean printable(byte[] b, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (b[i] < 0x20 || b[i] > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
