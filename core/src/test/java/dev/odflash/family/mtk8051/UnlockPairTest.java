package dev.odflash.family.mtk8051;

import dev.odflash.chip.Bus;
import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The unlock-pair table and the chip table's parallel rows stay in step, each pair with its source. */
class UnlockPairTest {
    @Test
    void everyParallelPartHasAnUnlockPairWithASourceAndEveryEntryIsAPart() {
        List<String> parallel = ChipTable.builtIn().all().stream().filter(c -> c.bus() == Bus.PARALLEL)
                .map(ChipSpec::name).toList();
        assertThat(parallel).isNotEmpty();
        assertThat(UnlockPair.BY_PART.keySet()).containsExactlyInAnyOrderElementsOf(parallel);
        UnlockPair.BY_PART.values().forEach(row -> {
            assertThat(row.pair()).isIn(UnlockPair.FULL, UnlockPair.SHORT);
            assertThat(row.source()).isNotBlank();
        });
        assertThat(UnlockPair.of("SST39SF040")).contains(UnlockPair.FULL);
        assertThat(UnlockPair.of("Am29F040")).contains(UnlockPair.SHORT);
    }
}
