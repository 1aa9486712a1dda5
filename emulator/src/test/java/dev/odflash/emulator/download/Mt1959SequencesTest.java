package dev.odflash.emulator.download;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.odflash.emulator.download.Wire.cdb;
import static dev.odflash.emulator.download.Wire.none;
import static dev.odflash.emulator.download.Wire.out;
import static dev.odflash.emulator.download.Wire.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulated MT1959 takes each source's whole documented sequence (docs/protocols.md §2.2), every
 * step written out here from the table, never from the host's encoders, and refuses the forms no
 * source sends.
 */
class Mt1959SequencesTest {
    private static final byte[] TUR_12 = new byte[12];                              // FM READY: 00 x 12
    private static final byte[] STATUS_12 = cdb(0x03, 0, 0, 0x10, 0x80, 0, 0, 0, 0, 0, 0, 0); // FM STATUS

    @Test
    void redumpersSequenceConfigReadModeOneChunksThenPollingBurnsWithoutACommit() throws Exception {
        try (DownloadDrive d = Wire.open("emu:asus-bw16d1ht")) {
            // RD step 3: 3C 06 00 00 30 00 00 00 20 00
            byte[] config = Wire.in(d, cdb(0x3C, 0x06, 0x00, 0x00, 0x30, 0x00, 0x00, 0x00, 0x20, 0x00), 0x20).data();
            assertThat(new String(config, 0, 16, StandardCharsets.US_ASCII)).isEqualTo("MT1959 Boot JB8 ");
            byte[] image = Bw16d1htDriveTest.download("3.10");
            Arrays.fill(image, 0, 0x10000, (byte) 0xFF);                            // RD step 4
            System.arraycopy(config, 0, image, 0x3000, 0x20);
            System.arraycopy(Mt1959Wire.read(d, 0x1F0000, 0x10000), 0, image, 0x1F0000, 0x10000);
            Mt1959Wire.redumper(d, image);                                          // RD steps 5 and 6
            // RD step 7: TEST UNIT READY (6 bytes) up to 15 times at 1 s, two ready answers
            List<String> answers = new ArrayList<>();
            int ready = 0;
            for (int i = 0; i < 15 && ready < 2; i++) {
                String a = Wire.tur(d);
                answers.add(a);
                ready = a.equals("GOOD") || a.equals("2/3A/01") ? ready + 1 : 0;
                d.clock().sleep(Duration.ofSeconds(1));
            }
            assertThat(ready).as("two ready answers within RD's 15 polls: " + answers).isEqualTo(2);
            assertThat(answers).contains("2/04/08");
            assertThat(Wire.revision(d)).isEqualTo("3.10");
            assertThat(d.writeCommands()).as("mode 1 and 128 chunks, nothing else").isEqualTo(129);
        }
    }

    @Test
    void freemkvsSequenceFromProbeToRequestSense() throws Exception {
        try (DownloadDrive d = Wire.open("emu:asus-bw16d1ht")) {
            Wire.In probe = Wire.in(d, cdb(0x3C, 0x06, 0x00, 0x1E, 0xC0, 0x00, 0x00, 0x01, 0x00, 0, 0, 0), 0x100);
            assertThat(status(probe.result())).as("PROBE").isEqualTo("GOOD");
            assertThat(probe.result().residual()).isZero();
            assertThat(status(none(d, TUR_12))).as("READY: no medium is the usual answer").isEqualTo("2/3A/01");
            byte[] image = Bw16d1htDriveTest.download("3.10");                     // FM: verbatim ...
            System.arraycopy(Mt1959Wire.read(d, 0x3000, 0x20), 0, image, 0x3000, 0x20); // ... but this unit's data
            System.arraycopy(Mt1959Wire.read(d, 0x1F0000, 0x10000), 0, image, 0x1F0000, 0x10000);
            assertThat(Mt1959Wire.freemkv(d, image)).as("COMMIT while the drive burns").isEqualTo("2/04/08");
            assertThat(status(none(d, TUR_12))).as("READY after COMMIT").isEqualTo("2/04/08");
            Wire.In sense = Wire.in(d, STATUS_12, 16);
            assertThat(status(sense.result())).as("STATUS with byte 4 = 0x80 and 16 bytes in").isEqualTo("GOOD");
            byte[] s = sense.data();
            assertThat(s[0] & 0x7F).isEqualTo(0x70);
            assertThat(String.format("%X/%02X/%02X", s[2] & 0x0F, s[12], s[13])).isEqualTo("2/04/08");
            String answer;
            int polls = 0;
            while ((answer = status(none(d, TUR_12))).equals("2/04/08") && polls++ < 90) {
                d.clock().sleep(Duration.ofMillis(500));                            // FM: 0.5 s, up to 45 s
            }
            assertThat(answer).isEqualTo("6/29/00");
            assertThat(Wire.revision(d)).isEqualTo("3.10");
            assertThat(d.writeCommands()).as("PREPARE, 128 STREAM, COMMIT").isEqualTo(130);
        }
    }

    @Test
    void formsNoSourceSendsAreRefused() throws Exception {
        try (DownloadDrive d = Wire.open("emu:asus-bw16d1ht")) {
            assertThat(status(none(d, cdb(0x3B, 0x07, 0, 0, 0, 0, 0, 0, 0, 0)))).as("a 10-byte COMMIT")
                    .isEqualTo("5/24/00");
            assertThat(status(none(d, cdb(0x3B, 0x01, 0, 0, 0, 0, 0, 0, 0, 0x0B, 0, 0)))).isEqualTo("GOOD");
            assertThat(status(out(d, cdb(0x3B, 0x06, 0, 0, 0, 0, 0, 0x40, 0, 0), new byte[0x4000])))
                    .as("RD's 10-byte chunk after FM's PREPARE").isEqualTo("5/2C/00");
            assertThat(d.chipModel().erases()).isZero();
        }
    }
}
