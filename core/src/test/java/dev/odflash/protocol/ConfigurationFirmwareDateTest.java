package dev.odflash.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Feature 0x010C (MMC-6 Firmware Information): ASCII digits CCYYMMDDhhmmss, turned into ISO-8601 or nothing. */
class ConfigurationFirmwareDateTest {
    private static Optional<String> date(String ascii) {
        byte[] data = ascii.getBytes(StandardCharsets.US_ASCII);
        return new Configuration(0, List.of(new Feature(0x010C, 0, true, true, data))).firmwareDate();
    }

    @Test
    void digitsBecomeAnIsoDateAndTime() {
        assertThat(date("20160321104200\0\0")).contains("2016-03-21T10:42:00");
        assertThat(date("20160321")).contains("2016-03-21");
    }

    @Test
    void whatIsNotADateIsLeftOut() {
        assertThat(date("20161399000000")).isEmpty();
        assertThat(date("2016032")).isEmpty();
        assertThat(date("2016-03-21 10:4")).isEmpty();
        assertThat(date("\u00ff\u00ff")).isEmpty();
        assertThat(new Configuration(0, List.of()).firmwareDate()).isEmpty();
    }
}
