package dev.odflash.family.mtk8051;

import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTable;
import dev.odflash.transport.TaskFile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Autopage parts are never written where the gap between two register accesses is unbounded; reads always work. */
class RegisterPathWritesTest {
    private static ChipSpec chip(String name) {
        return ChipTable.builtIn().byName(name).orElseThrow();
    }

    @Test
    void anAutopagePartIsRefusedOnAnUnboundedPathWithTheReason() {
        assertThat(RegisterPathWrites.refusal(chip("W29C040"), TaskFile.Pacing.UNBOUNDED))
                .hasValueSatisfying(why -> assertThat(why).contains("W29C040").contains("byte-load window"));
        assertThat(RegisterPathWrites.refusal(chip("AT29C020"), TaskFile.Pacing.UNBOUNDED)).isPresent();
    }

    @Test
    void otherPartsAndBoundedPathsAreNotRefused() {
        assertThat(RegisterPathWrites.refusal(chip("W29C040"), TaskFile.Pacing.BOUNDED)).isEmpty();
        assertThat(RegisterPathWrites.refusal(chip("SST39SF040"), TaskFile.Pacing.UNBOUNDED)).isEmpty();
        assertThat(RegisterPathWrites.refusal(chip("MX25L2005"), TaskFile.Pacing.UNBOUNDED)).isEmpty();
    }

    @Test
    void aTaskFileIsUnboundedUnlessItSaysOtherwise() {
        TaskFile bare = new VendorModeIntroTest.Scripted();
        assertThat(bare.pacing()).isEqualTo(TaskFile.Pacing.UNBOUNDED);
    }
}
