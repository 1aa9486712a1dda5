package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's redaction on hand-made answers (SPC-4 VPD 0x80 and MMC-6 feature 0x0108 laid out here). */
class ReportRedactionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode line(String cdb, byte[] data) throws IOException {
        return JSON.readTree("{\"cdb\":\"" + cdb + "\",\"dir\":\"in\",\"len\":" + data.length + ",\"dataIn\":\""
                + HexFormat.of().formatHex(data) + "\"}");
    }

    @Test
    void serialsFromVpdAndFeature108AreOverwrittenInPayloadsKeepingTheirLength() throws IOException {
        byte[] vpd = new byte[4 + 12];
        vpd[1] = (byte) 0x80;
        vpd[3] = 12;
        System.arraycopy("KX91Z0042Q".getBytes(StandardCharsets.US_ASCII), 0, vpd, 4, 10); // two NULs pad it to 12
        byte[] config = new byte[8 + 4 + 8];
        config[3] = (byte) (config.length - 4);
        config[8] = 0x01;
        config[9] = 0x08;
        config[11] = 8;
        System.arraycopy("SN777123".getBytes(StandardCharsets.US_ASCII), 0, config, 12, 8);
        ReportRedaction r = new ReportRedaction(true, List.of("/home/ann"));
        JsonNode vpdLine = line("120180000c00", vpd);
        JsonNode configLine = line("46020000000000001400", config);
        r.learnFromTrace(List.of(vpdLine, configLine));
        assertThat(r.serialCount()).isEqualTo(2);
        byte[] after = HexFormat.of().parseHex(r.traceLine(configLine).path("dataIn").asText());
        assertThat(after).hasSize(config.length);
        assertThat(new String(after, 12, 8, StandardCharsets.US_ASCII)).isEqualTo("XXXXXXXX");
        assertThat(r.traceLine(vpdLine).path("dataIn").asText()).doesNotContain(HexFormat.of()
                .formatHex("KX91Z0042Q".getBytes(StandardCharsets.US_ASCII)));
        assertThat(r.text("unit KX91Z0042Q at /home/ann/x and /home/anna/y"))
                .isEqualTo("unit <serial> at ~/x and /home/anna/y");
    }

    @Test
    void disabledRedactionChangesNothing() throws IOException {
        ReportRedaction r = new ReportRedaction(false, List.of("/home/ann"));
        r.learn("SN777123");
        JsonNode n = line("46", "SN777123".getBytes(StandardCharsets.US_ASCII));
        assertThat(r.traceLine(n)).isEqualTo(n);
        assertThat(r.text("SN777123 /home/ann")).isEqualTo("SN777123 /home/ann");
    }
}
