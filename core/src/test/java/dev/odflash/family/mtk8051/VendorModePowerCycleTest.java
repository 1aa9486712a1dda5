package dev.odflash.family.mtk8051;

import dev.odflash.transport.TransportException;
import dev.odflash.transport.UserActions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When the intro is not taken, the engine asks for a power cycle and keeps sending the same key, bounded. */
class VendorModePowerCycleTest {
    @Test
    void afterThePowerCycleTheSameIntroIsTaken() throws Exception {
        VendorModeIntroTest.Scripted t = new VendorModeIntroTest.Scripted();
        t.status = 0x51;
        List<UserActions.Action> asked = new ArrayList<>();
        VendorMode mode = new VendorMode(t, VendorKey.GENERIC, VendorMode.MASTER, (action, wait) -> {
            asked.add(action);
            assertThat(wait).isEqualTo(Duration.ofSeconds(200));
            t.status = 0x70; // the user switched the drive off and on
            return true;
        });
        mode.enter();
        assertThat(asked).containsExactly(UserActions.Action.POWER_CYCLE);
        assertThat(mode.signature()).isEqualTo(0x70);
        assertThat(t.commands).containsOnly(0x80);
    }

    @Test
    void withNobodyToAskTheErrorSaysToPowerCycle() {
        VendorModeIntroTest.Scripted t = new VendorModeIntroTest.Scripted();
        t.status = 0x51;
        VendorMode mode = new VendorMode(t, VendorKey.GENERIC, VendorMode.MASTER);
        assertThatThrownBy(mode::enter).isInstanceOf(TransportException.class)
                .hasMessageContaining("power-cycle the drive").hasMessageContaining("0x51");
        // the intros, then the outro and DEVICE RESET that go out on every path out, a refused intro too
        assertThat(t.commands).hasSize(VendorMode.INTRO_ATTEMPTS + 2).endsWith(0x81, 0x08);
        assertThat(t.commands.subList(0, VendorMode.INTRO_ATTEMPTS)).containsOnly(0x80);
    }

    @Test
    void theWaitIsBoundedByTwoHundredSecondsOfDeviceTime() {
        VendorModeIntroTest.Scripted t = new VendorModeIntroTest.Scripted();
        t.status = 0x51;
        VendorMode mode = new VendorMode(t, VendorKey.GENERIC, VendorMode.MASTER, (action, wait) -> true);
        assertThatThrownBy(mode::enter).isInstanceOf(TransportException.class);
        assertThat(Duration.ofNanos(t.nanos)).isBetween(Duration.ofSeconds(200), Duration.ofSeconds(204)); // 8 intros (about 2 s), 200 s, the outro
        assertThat(t.commands).endsWith(0x81, 0x08);
        assertThat(t.commands.subList(0, t.commands.size() - 2)).containsOnly(0x80);
    }

    @Test
    void aCancelledWaitStopsResendingAtOnceAndStillSendsTheOutro() {
        VendorModeIntroTest.Scripted t = new VendorModeIntroTest.Scripted();
        t.status = 0x51;
        VendorMode mode = new VendorMode(t, VendorKey.GENERIC, VendorMode.MASTER, new UserActions() {
            @Override
            public boolean ask(Action action, Duration wait) {
                return true;
            }

            @Override
            public boolean cancelled() { // the user pressed Cancel once three more intros had gone out
                return t.commands.size() >= VendorMode.INTRO_ATTEMPTS + 3;
            }
        });
        assertThatThrownBy(mode::enter).isInstanceOf(TransportException.class)
                .hasMessageContaining("cancelled").hasMessageNotContaining("run the command again");
        assertThat(t.commands).hasSize(VendorMode.INTRO_ATTEMPTS + 3 + 2).endsWith(0x81, 0x08);
        assertThat(Duration.ofNanos(t.nanos)).isLessThan(Duration.ofSeconds(10)); // not the 200 s wait
    }
}
