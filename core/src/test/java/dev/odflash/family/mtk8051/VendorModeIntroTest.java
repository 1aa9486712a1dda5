package dev.odflash.family.mtk8051;

import dev.odflash.transport.DeviceClock;
import dev.odflash.transport.TaskFile;
import dev.odflash.transport.TransportException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The intro's safety rule and bounds (docs/protocols.md §2.6.2), on a scripted register file. */
class VendorModeIntroTest {
    /** Registers that answer as scripted and remember every Command written. */
    static final class Scripted implements TaskFile {
        final List<Integer> commands = new ArrayList<>();
        int snReadBack = -1;
        int status = 0x70;
        long nanos;
        private int sn;

        @Override
        public void write(Register register, int value) {
            nanos += 1000;
            if (register == Register.SECTOR_NUMBER) {
                sn = value;
            }
        }

        @Override
        public void command(int opcode) {
            nanos += 1000;
            commands.add(opcode);
        }

        @Override
        public int status() {
            nanos += 1000;
            return status;
        }

        @Override
        public int read(Register register) {
            nanos += 1000;
            return snReadBack >= 0 ? snReadBack : sn;
        }

        @Override
        public DeviceClock clock() {
            return new DeviceClock() {
                @Override
                public Duration elapsed() {
                    return Duration.ofNanos(nanos);
                }

                @Override
                public void sleep(Duration d) {
                    nanos += d.toNanos();
                }

                @Override
                public boolean simulated() {
                    return true;
                }
            };
        }
    }

    @Test
    void aSectorNumberThatDoesNotHoldTheKeyStopsTheIntroBeforeAnyCommand() {
        Scripted t = new Scripted();
        t.snReadBack = VendorKey.ERASING_SN; // e.g. a flaky bus: SN holds the LiteOn-Erase key
        assertThatThrownBy(() -> new VendorMode(t, VendorKey.GENERIC, VendorMode.MASTER).enter())
                .isInstanceOf(TransportException.class).hasMessageContaining("the Command was not sent");
        assertThat(t.commands).isEmpty();
    }

    @Test
    void aNormalDriveIsAskedABoundedNumberOfTimesWithTheSameKeyAndNamed() {
        Scripted t = new Scripted();
        t.status = 0x51;
        assertThatThrownBy(() -> new VendorMode(t, VendorKey.GENERIC, VendorMode.MASTER).enter())
                .isInstanceOf(TransportException.class).hasMessageContaining("not in vendor mode")
                .hasMessageContaining("a normal drive refused the vendor command");
        // the same key every time, then the outro and DEVICE RESET: a refused intro leaves like any other path
        assertThat(t.commands).hasSize(VendorMode.INTRO_ATTEMPTS + 2);
        assertThat(t.commands.subList(0, VendorMode.INTRO_ATTEMPTS)).containsOnly(0x80);
        assertThat(t.commands.subList(VendorMode.INTRO_ATTEMPTS, t.commands.size())).containsExactly(0x81, 0x08);
    }

    @Test
    void aStatusStuckBusyEndsInATimeoutNotAHang() throws Exception {
        Scripted t = new Scripted();
        VendorMode mode = new VendorMode(t, VendorKey.GENERIC, VendorMode.MASTER);
        mode.enter();
        t.status = 0xD0;
        assertThatThrownBy(() -> mode.readByte(0)).isInstanceOf(TransportException.class)
                .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(TransportException.Kind.TIMEOUT));
    }

    @Test
    void everyKeySetIsItsOwnAndNoneIsTheErasingOne() {
        for (VendorKey k : VendorKey.values()) {
            assertThat(k.sectorNumber()).isNotEqualTo(VendorKey.ERASING_SN);
        }
        assertThat(VendorKey.SLIM.sectorNumber()).isEqualTo(0xD9);
        assertThat(VendorKey.SLIM2.opcode()).isEqualTo(0x8D);
    }
}
