package dev.odflash.image;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * btcflash's loadfirmware (docs/protocols.md §4.4, BT) skips every line that does not start with ':',
 * so a vendor's text header before the records does not stop it. The records here are written out by hand.
 */
class IntelHexPreambleTest {
    /** 4 data bytes 02 00 30 FF at 0x0000, then the end record. */
    private static final String RECORDS = ":04000000020030FFCB\r\n:00000001FF\r\n";

    @Test
    void textBeforeTheFirstRecordIsSkippedWithAWarning() throws ImageFormatException {
        byte[] file = ("BTC DRW1008 firmware 0040\r\nDo not edit\r\n\r\n" + RECORDS).getBytes(StandardCharsets.US_ASCII);
        FirmwareFiles.Loaded loaded = FirmwareFiles.load(file);
        assertThat(loaded.form()).isEqualTo(FirmwareFiles.Form.INTEL_HEX);
        assertThat(loaded.image()).startsWith((byte) 0x02, (byte) 0x00, (byte) 0x30, (byte) 0xFF);
        assertThat(loaded.image().length).isEqualTo(0x20000);
        assertThat(loaded.warnings()).anyMatch(w -> w.contains("2 lines") && w.contains("skipped"));
    }

    @Test
    void aFileWithoutAPreambleHasNoSuchWarning() throws ImageFormatException {
        FirmwareFiles.Loaded loaded = FirmwareFiles.load(RECORDS.getBytes(StandardCharsets.US_ASCII));
        assertThat(loaded.warnings()).noneMatch(w -> w.contains("skipped"));
    }

    @Test
    void binaryBytesBeforeAColonLineStayABinary() throws ImageFormatException {
        byte[] file = ("\u0002\u0000\u0030\n" + RECORDS).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(FirmwareFiles.load(file).form()).isEqualTo(FirmwareFiles.Form.BIN);
    }

    @Test
    void textAfterTheFirstRecordIsStillAnError() {
        byte[] file = (":04000000020030FFCB\r\nnote\r\n:00000001FF\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> FirmwareFiles.load(file)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("line 2");
    }
}
