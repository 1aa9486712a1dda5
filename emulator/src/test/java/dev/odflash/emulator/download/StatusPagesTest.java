package dev.odflash.emulator.download;

import dev.odflash.chip.ChipTable;
import dev.odflash.emulator.EmulatedDrives;
import dev.odflash.transport.Device;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Linux sr asks at attach (MODE SENSE page 2Ah, GESN media class), checked byte by byte against the layouts of
 * MMC-3 §5.5.10 (mode parameter header, page 2Ah) and MMC-6 §6.6 (event status header and media descriptor),
 * decoded here from the wire bytes.
 */
class StatusPagesTest {
    private record Answer(ScsiResult result, byte[] data) {
    }

    private static Answer send(Device d, String cdbHex, int length) throws Exception {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(length);
            ScsiResult r = d.scsi().execute(ScsiRequest.in(HexFormat.of().parseHex(cdbHex), buf));
            return new Answer(r, buf.toArray(ValueLayout.JAVA_BYTE));
        }
    }

    private static Device drive(String spec) throws Exception {
        Device d = EmulatedDrives.open(spec, ChipTable.builtIn());
        send(d, "030000001200", 18); // the power-on UNIT ATTENTION, as the kernel's first TUR takes it
        return d;
    }

    @Test
    void modeSenseTenReturnsTheCapabilitiesPageWithoutBlockDescriptors() throws Exception {
        try (Device d = drive("emu:asus-bw16d1ht")) {
            Answer a = send(d, "5a002a00000000008000", 128);
            assertThat(a.result().isGood()).as(a.result().toString()).isTrue();
            byte[] b = a.data();
            int modeDataLength = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
            int blockDescriptors = ((b[6] & 0xFF) << 8) | (b[7] & 0xFF);
            assertThat(blockDescriptors).isZero();
            assertThat(b[8] & 0x3F).isEqualTo(0x2A);
            int pageLength = b[9] & 0xFF;
            assertThat(modeDataLength).isEqualTo(6 + 2 + pageLength);
            assertThat(b[10] & 0x08).as("reads DVD-ROM").isNotZero();
            assertThat(b[14] & 0x08).as("eject").isNotZero();
            assertThat(a.result().residual()).isEqualTo(128 - (modeDataLength + 2));
        }
    }

    @Test
    void modeSenseSixHasTheFourByteHeader() throws Exception {
        try (Device d = drive("emu:tsst-ts-h353c")) {
            Answer a = send(d, "1a002a008000", 128);
            assertThat(a.result().isGood()).isTrue();
            assertThat(a.data()[3]).as("block descriptor length").isZero();
            assertThat(a.data()[4] & 0x3F).isEqualTo(0x2A);
            assertThat(a.data()[0] & 0xFF).isEqualTo(3 + 2 + (a.data()[5] & 0xFF));
        }
    }

    @Test
    void anotherPageOrSavedValuesAreInvalidField() throws Exception {
        try (Device d = drive("emu:asus-bw16d1ht")) {
            Answer page = send(d, "5a000800000000008000", 128);
            assertThat(page.result().isGood()).isFalse();
            assertThat(page.result().sense().orElseThrow().is(5, 0x24, 0)).as("invalid field in CDB").isTrue();
            Answer saved = send(d, "5a00ea00000000008000", 128);
            assertThat(saved.result().isGood()).isFalse();
        }
    }

    @Test
    void polledGesnReportsTheMediaClassAndWhetherAMediumIsIn() throws Exception {
        try (Device empty = drive("emu:asus-bw16d1ht"); Device loaded = drive("emu:btc-drw1008?medium=present")) {
            Answer e = send(empty, "4a010000100000000800", 8);
            assertThat(e.result().isGood()).isTrue();
            assertThat(e.data()[2] & 0x07).as("notification class: media").isEqualTo(4);
            assertThat(e.data()[5] & 0x02).as("no medium").isZero();
            Answer l = send(loaded, "4a010000100000000800", 8);
            assertThat(l.data()[5] & 0x02).as("medium present").isNotZero();
            Answer async = send(empty, "4a000000100000000800", 8);
            assertThat(async.result().isGood()).as("asynchronous GESN is not offered").isFalse();
        }
    }
}
