package dev.odflash.emulator;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultPlanTest {
    @Test
    void parsesEveryItemOfTheContract() {
        FaultPlan plan = FaultPlan.parse("powerloss@cmd:7, timeout@cmd:3,reset@cmd:4,powerloss@erase:2,"
                + "powerloss@program:5,lie@program:6,lie@program:9,flip:1e-6,seed=42");
        assertThat(plan.powerLossAtCommand()).containsExactly(7L);
        assertThat(plan.timeoutAtCommand()).containsExactly(3L);
        assertThat(plan.resetAtCommand()).containsExactly(4L);
        assertThat(plan.chipFaults().powerLossAtErase()).containsExactly(2L);
        assertThat(plan.chipFaults().powerLossAtProgram()).containsExactly(5L);
        assertThat(plan.chipFaults().lieAtProgram()).isEqualTo(List.of(6L, 9L));
        assertThat(plan.chipFaults().flipProbability()).isEqualTo(1e-6);
        assertThat(plan.seed()).isEqualTo(42);
        assertThat(FaultPlan.parse(null)).isEqualTo(FaultPlan.NONE);
        assertThat(FaultPlan.parse("flip:0").chipFaults().flipProbability()).isZero();
        assertThat(FaultPlan.parse("flip:1").chipFaults().flipProbability()).isEqualTo(1.0);
        assertThat(FaultPlan.parse("flip:0.5").seed()).as("seed defaults to 0").isZero();
    }

    @Test
    void refusesWithAClearMessage() {
        assertThatThrownBy(() -> FaultPlan.parse("meteor@cmd:1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown fault 'meteor@cmd:1'").hasMessageContaining("reset@cmd:N");
        assertThatThrownBy(() -> FaultPlan.parse("powerloss@erase:x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x' is not a whole number");
        assertThatThrownBy(() -> FaultPlan.parse("lie@program:0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("counts start at 1");
        assertThatThrownBy(() -> FaultPlan.parse("reset@cmd"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a count");
        assertThatThrownBy(() -> FaultPlan.parse("flip:1.5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> FaultPlan.parse("flip:-0.1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> FaultPlan.parse("flip:NaN"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> FaultPlan.parse("flip:often"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a number");
        assertThatThrownBy(() -> FaultPlan.parse("flip:0.1,flip:0.2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> FaultPlan.parse("seed=1,"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown fault ''");
    }
}
