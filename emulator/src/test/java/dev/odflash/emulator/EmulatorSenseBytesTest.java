package dev.odflash.emulator;

import dev.odflash.chip.ChipTable;
import dev.odflash.transport.Device;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.SenseData;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulated drives answer with raw sense bytes of their own encoding, which the host's one parser
 * decodes: the expected bytes are SPC-4 §4.5.3's fixed format written out here (response code 0x70,
 * key in byte 2, additional length 10 in byte 7, ASC byte 12, ASCQ byte 13), not built by any encoder.
 */
class EmulatorSenseBytesTest {
    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    private static ScsiResult run(Device d, byte[] cdb, int in) throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            return d.scsi().execute(in == 0 ? ScsiRequest.noData(cdb) : ScsiRequest.in(cdb, arena.allocate(in)));
        }
    }

    private static byte[] requestSense(Device d) throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(18);
            ScsiResult r = d.scsi().execute(ScsiRequest.in(new byte[] {0x03, 0, 0, 0, 18, 0}, buffer));
            assertThat(r.isGood()).isTrue();
            return buffer.toArray(ValueLayout.JAVA_BYTE);
        }
    }

    @Test
    void anUnknownOpcodeComesBackAsTheFixedFormatBytesAndDecodesAs5_20_00() throws Exception {
        byte[] expected = hex("700005000000000a0000000020000000" + "0000");
        for (String profile : new String[] {"asus-crw-5224a", "asus-bw16d1ht", "tsst-ts-h353c"}) {
            try (Device d = EmulatedDrives.open("emu:" + profile, ChipTable.builtIn())) {
                ScsiResult r = run(d, new byte[] {(byte) 0xA5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0);
                assertThat(r.status()).isEqualTo(ScsiResult.CHECK_CONDITION);
                SenseData s = r.sense().orElseThrow();
                assertThat(s.raw()).as(profile).isEqualTo(expected);
                assertThat(s.wellFormed()).isTrue();
                assertThat(s.is(5, 0x20, 0x00)).isTrue();
                byte[] again = requestSense(d);
                assertThat(again).as("REQUEST SENSE returns the same bytes").isEqualTo(expected);
                assertThat(SenseData.parse(again).describe()).isEqualTo("5/20/00 ILLEGAL REQUEST: invalid command operation code");
            }
        }
    }

    @Test
    void noMediumIsTwo3A01InFixedFormat() throws Exception {
        try (Device d = EmulatedDrives.open("emu:asus-crw-5224a", ChipTable.builtIn())) {
            SenseData s = run(d, new byte[6], 0).sense().orElseThrow();
            assertThat(s.raw()).isEqualTo(hex("700002000000000a000000003a010000" + "0000"));
            assertThat(s.is(2, 0x3A, 0x01)).isTrue();
        }
    }

    @Test
    void malformedSenseIsPassedOnAsSentAndTheParserSaysItIsMalformed() throws Exception {
        try (Device d = EmulatedDrives.open("emu:asus-crw-5224a?fault=badsense@cmd:2", ChipTable.builtIn())) {
            assertThat(run(d, new byte[] {0x12, 0, 0, 0, 36, 0}, 36).isGood()).isTrue();
            ScsiResult bad = run(d, new byte[] {0x12, 0, 0, 0, 36, 0}, 36);
            assertThat(bad.status()).isEqualTo(ScsiResult.CHECK_CONDITION);
            SenseData s = bad.sense().orElseThrow();
            assertThat(s.raw()).isEqualTo(hex("00000500"));
            assertThat(s.wellFormed()).isFalse();
            assertThat(s.key()).as("no key is read out of bytes in no sense format").isZero();
            assertThat(bad.describe()).isEqualTo("malformed sense data (response code 0x00, 4 bytes: 00000500)");
            assertThat(run(d, new byte[] {0x12, 0, 0, 0, 36, 0}, 36).isGood()).as("the drive goes on").isTrue();
        }
    }
}
