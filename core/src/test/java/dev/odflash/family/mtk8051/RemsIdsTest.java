package dev.odflash.family.mtk8051;

import dev.odflash.chip.Bus;
import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTable;
import dev.odflash.transport.JedecId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The REMS table and the chip table's serial rows stay in step; JungleFlasher's parts are all there. */
class RemsIdsTest {
    private static final ChipTable TABLE = ChipTable.builtIn();
    /** JungleFlasher's SPI table (vendor-mode notes §4): every part of it has a chip row. */
    private static final List<String> JUNGLEFLASHER_SPI = List.of("SST25VF020", "SST25LF020", "W25P20", "Pm25LV020",
            "W25B20", "A25L20P", "MX25L2005", "S25FL002D", "EN25P80", "W25P80", "MX25L8005", "EN25P16", "W25P16",
            "MX25L1605D");

    @Test
    void everyListedPartIsASerialRowWithASource() {
        for (RemsIds.Row r : RemsIds.ROWS) {
            assertThat(TABLE.byName(r.part())).as(r.part()).hasValueSatisfying(c -> assertThat(c.bus()).isEqualTo(Bus.SPI));
            assertThat(r.source()).as(r.part()).isNotBlank();
        }
        assertThat(RemsIds.ROWS.stream().map(RemsIds.Row::part).distinct().count()).isEqualTo(RemsIds.ROWS.size());
    }

    @Test
    void everySerialRowAnswersSomeRemsIdThatFindsIt() {
        for (ChipSpec c : TABLE.all().stream().filter(c -> c.bus() == Bus.SPI).toList()) {
            JedecId rems = RemsIds.ROWS.stream().filter(r -> c.matchesName(r.part())).findFirst().map(RemsIds.Row::id)
                    .orElse(new JedecId(c.id().manufacturer() & 0xFF, c.id().device()));
            assertThat(RemsIds.candidates(TABLE, rems)).as(c.name()).contains(c);
        }
    }

    @Test
    void everyPartOfJungleFlashersSpiTableHasARow() {
        for (String name : JUNGLEFLASHER_SPI) {
            assertThat(TABLE.byName(name)).as(name).isPresent();
        }
    }

    @Test
    void w25p20AndW25x20ShareTheirRemsIdAndDifferByRdid() {
        List<ChipSpec> both = RemsIds.candidates(TABLE, new JedecId(0xEF, 0x11));
        assertThat(both).extracting(ChipSpec::name).containsExactlyInAnyOrder("W25P20", "W25X20");
        assertThat(both.get(0).id()).isNotEqualTo(both.get(1).id());
        assertThat(RemsIds.candidates(TABLE, new JedecId(0xC2, 0x11))).extracting(ChipSpec::name).containsExactly("MX25L2005");
    }
}
