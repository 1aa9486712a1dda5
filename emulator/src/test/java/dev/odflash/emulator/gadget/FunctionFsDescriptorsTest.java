package dev.odflash.emulator.gadget;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ep0 blobs read back field by field at the offsets of functionfs.h and USB 2.0 §9.6, and the SETUP
 * requests of BOT 1.0 §3 decoded from hand-laid event bytes.
 */
class FunctionFsDescriptorsTest {
    @Test
    void theDescriptorsAreOneMassStorageInterfaceWithTwoBulkEndpointsPerSpeed() {
        byte[] d = FunctionFsDescriptors.descriptors();
        ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(0)).as("magic v2").isEqualTo(3);
        assertThat(b.getInt(4)).as("length").isEqualTo(d.length);
        assertThat(b.getInt(8)).as("flags FS|HS").isEqualTo(3);
        assertThat(b.getInt(12)).isEqualTo(3);
        assertThat(b.getInt(16)).isEqualTo(3);
        for (int speed = 0; speed < 2; speed++) {
            int at = 20 + speed * 23;
            int packet = speed == 0 ? 64 : 512;
            assertThat(new int[]{d[at], d[at + 1], d[at + 4], d[at + 5], d[at + 6], d[at + 7] & 0xFF})
                    .containsExactly(9, 4, 2, 8, 6, 0x50);
            int in = at + 9;
            int out = in + 7;
            assertThat(new int[]{d[in], d[in + 1], d[in + 2] & 0xFF, d[in + 3], b.getShort(in + 4)})
                    .containsExactly(7, 5, 0x81, 2, packet);
            assertThat(new int[]{d[out], d[out + 1], d[out + 2] & 0xFF, d[out + 3], b.getShort(out + 4)})
                    .containsExactly(7, 5, 0x02, 2, packet);
        }
        assertThat(d.length).isEqualTo(20 + 2 * 23);
    }

    @Test
    void theStringsAreOneUsEnglishStringEndingInNul() {
        byte[] s = FunctionFsDescriptors.strings("odflash");
        ByteBuffer b = ByteBuffer.wrap(s).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new int[]{b.getInt(0), b.getInt(4), b.getInt(8), b.getInt(12), b.getShort(16)})
                .containsExactly(2, s.length, 1, 1, 0x0409);
        assertThat(new String(s, 18, 7)).isEqualTo("odflash");
        assertThat(s[s.length - 1]).isZero();
    }

    private static byte[] event(int requestType, int request, int wLength, int type) {
        return new byte[]{(byte) requestType, (byte) request, 0, 0, 0, 0, (byte) wLength, 0, (byte) type, 0, 0, 0};
    }

    @Test
    void getMaxLunAndResetAreAnsweredAndEverythingElseStalls() {
        Ep0Event maxLun = Ep0Event.parse(event(0xA1, 0xFE, 1, 4)).orElseThrow();
        assertThat(maxLun.type()).isEqualTo(Ep0Event.Type.SETUP);
        assertThat(maxLun.length()).isEqualTo(1);
        assertThat(maxLun.answer()).isEqualTo(Ep0Event.Answer.MAX_LUN_ZERO);
        assertThat(Ep0Event.parse(event(0x21, 0xFF, 0, 4)).orElseThrow().answer()).isEqualTo(Ep0Event.Answer.RESET);
        assertThat(Ep0Event.parse(event(0x80, 0x06, 18, 4)).orElseThrow().answer()).isEqualTo(Ep0Event.Answer.STALL);
        assertThat(Ep0Event.parse(event(0, 0, 0, 2)).orElseThrow().type()).isEqualTo(Ep0Event.Type.ENABLE);
        assertThat(Ep0Event.parse(event(0, 0, 0, 3)).orElseThrow().type()).isEqualTo(Ep0Event.Type.DISABLE);
        assertThat(Ep0Event.parse(event(0, 0, 0, 9))).isEmpty();
        assertThat(Ep0Event.parse(new byte[11])).isEmpty();
    }
}
