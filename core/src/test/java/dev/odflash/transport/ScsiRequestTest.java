package dev.odflash.transport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Validation of requests before they reach a pass-through (CDB sizes per SAM-5: 6 to 16 bytes). */
class ScsiRequestTest {

    @ParameterizedTest
    @ValueSource(ints = {6, 10, 12, 16})
    void acceptsCdbsOfSixToSixteenBytes(int length) {
        assertThatCode(() -> ScsiRequest.noData(new byte[length])).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 17, 32})
    void refusesOtherCdbLengths(int length) {
        assertThatThrownBy(() -> ScsiRequest.noData(new byte[length]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6..16").hasMessageContaining(String.valueOf(length));
    }

    @Test
    void refusesNulls() {
        assertThatThrownBy(() -> new ScsiRequest(null, DataDirection.NONE, null, ScsiRequest.DEFAULT_TIMEOUT))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ScsiRequest(new byte[6], null, null, ScsiRequest.DEFAULT_TIMEOUT))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ScsiRequest(new byte[6], DataDirection.NONE, null, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void aCommandWithoutDataPhaseCarriesNoBuffer() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(16);
            assertThatThrownBy(() -> new ScsiRequest(new byte[6], DataDirection.NONE, buffer, Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        ScsiRequest r = new ScsiRequest(new byte[6], DataDirection.NONE, null, Duration.ofSeconds(1));
        assertThat(r.data()).isEqualTo(MemorySegment.NULL);
        assertThat(r.length()).isZero();
        assertThat(ScsiRequest.noData(new byte[6]).timeout()).isEqualTo(ScsiRequest.DEFAULT_TIMEOUT);
    }

    @Test
    void dataInAndOutCarryTheirBuffer() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(4096, 4096);
            ScsiRequest in = ScsiRequest.in(new byte[]{0x12, 0, 0, 0, 0x24, 0}, buffer.asSlice(0, 36));
            assertThat(in.direction()).isEqualTo(DataDirection.IN);
            assertThat(in.length()).isEqualTo(36);
            assertThat(in.opcode()).isEqualTo(0x12);

            ScsiRequest out = ScsiRequest.out(new byte[10], buffer, Duration.ofMinutes(5));
            assertThat(out.direction()).isEqualTo(DataDirection.OUT);
            assertThat(out.length()).isEqualTo(4096);
            assertThat(out.timeout()).isEqualTo(Duration.ofMinutes(5));
        }
    }

    @Test
    void opcodeIsUnsigned() {
        assertThat(ScsiRequest.noData(new byte[]{(byte) 0xFF, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}).opcode()).isEqualTo(0xFF);
    }

    @Test
    void refusesNonPositiveTimeouts() {
        assertThatThrownBy(() -> new ScsiRequest(new byte[6], DataDirection.NONE, null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> new ScsiRequest(new byte[6], DataDirection.NONE, null, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> new ScsiRequest(new byte[6], DataDirection.NONE, null, Duration.ofNanos(1)))
                .doesNotThrowAnyException();
    }

    @Test
    void cdbIsCopiedInAndOut() {
        byte[] cdb = {0x12, 0, 0, 0, 0x24, 0};
        ScsiRequest r = ScsiRequest.noData(cdb);
        cdb[0] = 0x00;
        cdb[4] = 0x60;
        assertThat(r.cdb()).containsExactly(0x12, 0, 0, 0, 0x24, 0);
        assertThat(r.opcode()).isEqualTo(0x12);
        r.cdb()[0] = 0x3B;
        assertThat(r.cdb()[0]).isEqualTo((byte) 0x12);
        assertThat(r.cdb()).isNotSameAs(r.cdb());
    }
}
