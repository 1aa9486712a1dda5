package dev.odflash.family.mtk8051;

import dev.odflash.chip.Bus;
import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTable;
import dev.odflash.transport.JedecId;

import java.util.List;

/**
 * The two bytes a serial part answers to REMS (0x90 00 00 00), per part, where they differ from its JEDEC RDID
 * (docs/protocols.md §2.6.4). The 8051-era vendor mode identifies serial parts by REMS, as JungleFlasher does; two
 * parts may share one REMS ID (W25P20 and W25X20 both answer EF/11), and then RDID 0x9F tells them apart.
 * RemsIdsTest keeps this list and the chip table in step. A row whose device ID is one byte was read by REMS or RES
 * in the first place (flashrom's probe_spi_rems/probe_spi_res rows) and matches directly.
 */
final class RemsIds {
    record Row(String part, int manufacturer, int device, String source) {
        JedecId id() {
            return new JedecId(manufacturer, device);
        }
    }

    private static final String JF = "JungleFlasher 0.1.96's SPI table (REMS IDs), as read in its public decompilations";
    private static final String INFERRED = "inferred: REMS device byte one below the RDID capacity byte, as on MX25L2005"
            + " and W25X20 (not re-read for this part)";

    static final List<Row> ROWS = List.of(
            new Row("SST25VF020", 0xBF, 0x43, JF), new Row("W25P20", 0xEF, 0x11, JF), new Row("Pm25LV020", 0x9D, 0x7D, JF),
            new Row("W25B20", 0xEF, 0x31, JF), new Row("A25L20P", 0x37, 0x11, JF), new Row("MX25L2005", 0xC2, 0x11, JF),
            new Row("S25FL002D", 0x10, 0x00, JF), new Row("EN25P80", 0x1C, 0x13, JF), new Row("W25P80", 0xEF, 0x13, JF),
            new Row("MX25L8005", 0xC2, 0x13, JF), new Row("EN25P16", 0x1C, 0x14, JF), new Row("W25P16", 0xEF, 0x14, JF),
            new Row("MX25L1605", 0xC2, 0x14, JF),
            new Row("W25X20", 0xEF, 0x11, "W25X20 data sheet, Manufacturer/Device ID (90h): EF 11"),
            new Row("W25X10", 0xEF, 0x10, INFERRED), new Row("W25X40", 0xEF, 0x12, INFERRED),
            new Row("W25X80", 0xEF, 0x13, INFERRED), new Row("W25X16", 0xEF, 0x14, INFERRED),
            new Row("MX25L4005", 0xC2, 0x12, INFERRED), new Row("EN25F20", 0x1C, 0x11, INFERRED),
            new Row("EN25F40", 0x1C, 0x12, INFERRED), new Row("EN25F80", 0x1C, 0x13, INFERRED),
            new Row("A25L040", 0x37, 0x12, INFERRED), new Row("Pm25LV010", 0x9D, 0x7C, INFERRED),
            new Row("Pm25LV040", 0x9D, 0x7E, INFERRED),
            new Row("SST25VF040B", 0xBF, 0x8D, "SST25VF040B data sheet, Read-ID (90h/ABh): BF 8D"),
            new Row("SST25VF080B", 0xBF, 0x8E, "SST25VF080B data sheet, Read-ID (90h/ABh): BF 8E"),
            new Row("SST25VF016B", 0xBF, 0x41, "SST25VF016B data sheet, Read-ID (90h/ABh): BF 41"),
            new Row("MX25L6436E", 0xC2, 0x16, "MX25L6436E data sheet, REMS (90h): manufacturer C2, device 16"),
            new Row("W25Q128FV", 0xEF, 0x17, "W25Q128FV data sheet, Manufacturer/Device ID (90h): EF 17"),
            new Row("SST25VF032B", 0xBF, 0x4A, "SST25VF032B data sheet, Read-ID (90h/ABh): BF 4A"),
            new Row("W25Q256FV", 0xEF, 0x18, "W25Q256FV data sheet, Manufacturer/Device ID (90h): EF 18"),
            new Row("S25FL128L", 0x01, 0x17, "inferred: Spansion's 128 Mbit S25FL1 parts answer READ_ID (90h) with 01 17"));

    private RemsIds() {
    }

    /** The table's serial rows that answer this REMS ID. */
    static List<ChipSpec> candidates(ChipTable chips, JedecId rems) {
        List<ChipSpec> listed = ROWS.stream().filter(r -> r.id().equals(rems))
                .flatMap(r -> chips.byName(r.part()).stream()).toList();
        List<ChipSpec> direct = chips.all().stream().filter(c -> c.bus() == Bus.SPI && c.id().device() <= 0xFF
                && (c.id().manufacturer() & 0xFF) == rems.manufacturer() && c.id().device() == rems.device()
                && !listed.contains(c)).toList();
        return java.util.stream.Stream.concat(listed.stream(), direct.stream()).distinct().toList();
    }
}
