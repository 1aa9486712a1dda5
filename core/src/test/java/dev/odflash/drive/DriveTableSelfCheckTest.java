package dev.odflash.drive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Self-check of the built-in drive table (docs/architecture.md "Layers": data tables plus a self-check test;
 * "Families and layouts" for the allowed family/layout pairs).
 */
class DriveTableSelfCheckTest {
    private static final Set<String> MATCH_KINDS = Set.of("exact", "prefix", "contains");

    /** Which layouts each family may flash (docs/architecture.md "Families and layouts"). */
    private static final Map<DriveFamily, Set<ImageLayout>> ALLOWED_LAYOUTS = Map.of(
            DriveFamily.MTK8051, EnumSet.of(ImageLayout.MTK8051),
            DriveFamily.BTC, EnumSet.of(ImageLayout.BTC),
            DriveFamily.TSST, EnumSet.of(ImageLayout.TSST_MT1339, ImageLayout.SD616, ImageLayout.MT1939),
            DriveFamily.MT19XX, EnumSet.of(ImageLayout.MT1959, ImageLayout.MT1939));

    /**
     * Every drive docs/protocols.md names, as (vendor, INQUIRY product as a drive would report it, family,
     * layout). Where the real product string is not in a source the value here is the plausible one
     * the table's modelled rows are written for (LG's "BD-RE  " prefix with two spaces, BTC's "IM" suffix).
     */
    private record Named(String vendor, String product, DriveFamily family, ImageLayout layout) {
    }

    private static final List<Named> NAMED_IN_PROTOCOLS = List.of(
            // §3, §4.1, §2.6, §7: 8051-era drives programmed through vendor mode (mtkflash, DosFlash)
            new Named("ASUS", "CRW-5224A", DriveFamily.MTK8051, ImageLayout.MTK8051),
            new Named("LITE-ON", "LTD-163", DriveFamily.MTK8051, ImageLayout.MTK8051),
            new Named("LITE-ON", "COMBO LTC-48161H", DriveFamily.MTK8051, ImageLayout.MTK8051),
            new Named("LITE-ON", "DVDRW SOHW-812S", DriveFamily.MTK8051, ImageLayout.MTK8051),
            new Named("LITE-ON", "DVDRW SOHW-832S", DriveFamily.MTK8051, ImageLayout.MTK8051),
            new Named("LITE-ON", "DVDRW SOHW-1213S", DriveFamily.MTK8051, ImageLayout.MTK8051),
            new Named("SAMSUNG", "CDRW/DVD SM-352F", DriveFamily.MTK8051, ImageLayout.MTK8051),
            new Named("TSSTcorp", "DVD-ROM TS-H943A", DriveFamily.MTK8051, ImageLayout.MTK8051),
            new Named("PLDS", "DG-16D2S", DriveFamily.MTK8051, ImageLayout.MTK8051),
            new Named("PBDS", "VAD6038", DriveFamily.MTK8051, ImageLayout.MTK8051),
            // §2.3 btcflash
            new Named("BTC", "DVD+-RW DRW1004IM", DriveFamily.BTC, ImageLayout.BTC),
            new Named("BTC", "DVD+-RW DRW1008IM", DriveFamily.BTC, ImageLayout.BTC),
            new Named("BTC", "DVD+-RW DRW1108IM", DriveFamily.BTC, ImageLayout.BTC),
            // §2.1 redumper TSST allow-list, vendor TSSTcorp or hp
            new Named("TSSTcorp", "DVD-ROM TS-H353A", DriveFamily.TSST, ImageLayout.TSST_MT1339),
            new Named("TSSTcorp", "DVD-ROM TS-H353B", DriveFamily.TSST, ImageLayout.TSST_MT1339),
            new Named("TSSTcorp", "DVD-ROM TS-H353C", DriveFamily.TSST, ImageLayout.TSST_MT1339),
            new Named("TSSTcorp", "DVD-ROM TS-H352C", DriveFamily.TSST, ImageLayout.TSST_MT1339),
            new Named("TSSTcorp", "DVD-ROM TS-H352D", DriveFamily.TSST, ImageLayout.TSST_MT1339),
            new Named("TSSTcorp", "DVD-ROM SH-D162C", DriveFamily.TSST, ImageLayout.TSST_MT1339),
            new Named("TSSTcorp", "DVD-ROM SH-D162D", DriveFamily.TSST, ImageLayout.TSST_MT1339),
            new Named("TSSTcorp", "DVD-ROM SH-D163A", DriveFamily.TSST, ImageLayout.TSST_MT1339),
            new Named("TSSTcorp", "DVD-ROM SH-D163B", DriveFamily.TSST, ImageLayout.TSST_MT1339),
            new Named("TSSTcorp", "DVD-ROM SH-D163C", DriveFamily.TSST, ImageLayout.TSST_MT1339),
            new Named("TSSTcorp", "DVD-ROM SH-116AB", DriveFamily.TSST, ImageLayout.TSST_MT1339),
            new Named("TSSTcorp", "DVD-ROM SH-118CB", DriveFamily.TSST, ImageLayout.TSST_MT1339),
            new Named("hp", "DVD-ROM TS-H353A", DriveFamily.TSST, ImageLayout.TSST_MT1339),
            new Named("hp", "DVD-ROM TS-H353B", DriveFamily.TSST, ImageLayout.TSST_MT1339),
            new Named("hp", "DVD-ROM TS-H353C", DriveFamily.TSST, ImageLayout.TSST_MT1339),
            new Named("SAMSUNG", "DVD-ROM SD-616F", DriveFamily.TSST, ImageLayout.SD616),
            new Named("TSSTcorp", "BDDVDW SE-506CB", DriveFamily.TSST, ImageLayout.MT1939),
            // §2.2 redumper MT1959 allow-list
            new Named("HL-DT-ST", "BD-RE  BU40N", DriveFamily.MT19XX, ImageLayout.MT1959),
            new Named("ASUS", "BW-16D1HT", DriveFamily.MT19XX, ImageLayout.MT1959),
            new Named("ASUS", "BW-16D1H-U", DriveFamily.MT19XX, ImageLayout.MT1959),
            new Named("HL-DT-ST", "BD-RE  BH16NS60", DriveFamily.MT19XX, ImageLayout.MT1959),
            new Named("HL-DT-ST", "BD-RE  WH16NS60", DriveFamily.MT19XX, ImageLayout.MT1959),
            new Named("HL-DT-ST", "BD-RE  BH16NS58", DriveFamily.MT19XX, ImageLayout.MT1959),
            new Named("HL-DT-ST", "BD-RE  WH16NS58", DriveFamily.MT19XX, ImageLayout.MT1959),
            new Named("HL-DT-ST", "BD-RE  BH16NS55", DriveFamily.MT19XX, ImageLayout.MT1959),
            new Named("HL-DT-ST", "BD-RE  BH16NS50", DriveFamily.MT19XX, ImageLayout.MT1959),
            new Named("HL-DT-ST", "BD-RE  BH14NS50", DriveFamily.MT19XX, ImageLayout.MT1959),
            new Named("HL-DT-ST", "BD-RE  BH16NS40", DriveFamily.MT19XX, ImageLayout.MT1959),
            new Named("HL-DT-ST", "BD-RE  WH16NS40", DriveFamily.MT19XX, ImageLayout.MT1959),
            new Named("HL-DT-ST", "BD-RE  BH14NS40", DriveFamily.MT19XX, ImageLayout.MT1959),
            new Named("HL-DT-ST", "BD-RE  WH14NS40", DriveFamily.MT19XX, ImageLayout.MT1959));

    private static final DriveTable TABLE = DriveTable.builtIn();

    @Test
    void everyRowHasVendorProductSourceAndAValidFamilyLayoutPair() {
        assertThat(TABLE.all()).isNotEmpty();
        for (DriveModel d : TABLE.all()) {
            assertThat(d.vendor()).as("vendor of %s", d).isNotBlank();
            assertThat(d.product()).as("product of %s", d).isNotBlank();
            assertThat(d.source()).as("source of %s", d).isNotBlank();
            assertThat(MATCH_KINDS).as("match kind of %s", d.displayName()).contains(d.match().word());
            assertThat(ALLOWED_LAYOUTS.get(d.family())).as("layouts allowed for family %s (%s)", d.family(),
                    d.displayName()).isNotNull().contains(d.layout());
        }
    }

    /** DriveTable.read defaults a missing "match" to exact; the resource must still say it on every row. */
    @Test
    void everyResourceRowStatesItsMatchKindAndFamilyExplicitly() throws IOException {
        JsonNode root;
        try (InputStream in = DriveTable.class.getResourceAsStream(DriveTable.RESOURCE)) {
            assertThat(in).isNotNull();
            root = new ObjectMapper().readTree(in);
        }
        assertThat(root.path("format").asText()).isEqualTo("odflash-drives/1");
        assertThat(root.path("drives").size()).isEqualTo(TABLE.all().size());
        for (JsonNode row : root.path("drives")) {
            assertThat(row.has("match")).as("row %s", row).isTrue();
            assertThat(MATCH_KINDS).contains(row.path("match").asText());
            assertThat(row.has("family") && row.has("layout") && row.has("bootRegion") && row.has("modelled"))
                    .as("row %s", row).isTrue();
        }
    }

    /** bootRegion: 16 KiB boot code on 8051-era images (docs/protocols.md §4.1), 64 KiB on MT1939/MT1959 (§2.1/§2.2). */
    @Test
    void bootRegionsFollowTheLayout() {
        for (DriveModel d : TABLE.all()) {
            int expected = switch (d.layout()) {
                case MTK8051, BTC -> 16384;
                case MT1939, MT1959 -> 65536;
                case TSST_MT1339, SD616 -> 0;
            };
            assertThat(d.bootRegion()).as("boot region of %s", d.displayName()).isEqualTo(expected);
        }
    }

    /** lookup() takes the first match, so exact rows must come before the looser ones. */
    @Test
    void exactRowsComeBeforePrefixAndContainsRows() {
        boolean looseSeen = false;
        for (DriveModel d : TABLE.all()) {
            if (d.match() == ProductMatch.EXACT) {
                assertThat(looseSeen).as("exact row %s after a prefix/contains row", d.displayName()).isFalse();
            } else {
                looseSeen = true;
            }
        }
    }

    @Test
    void rowsThatAreNotFromASourceSayWhy() {
        for (DriveModel d : TABLE.all()) {
            if (d.modelled()) {
                assertThat(d.source()).as("modelled row %s", d.displayName()).containsIgnoringCase("plausible");
            }
        }
    }

    @Test
    void noTwoRowsClaimTheSameInquiryString() {
        Set<String> keys = new HashSet<>();
        for (DriveModel d : TABLE.all()) {
            assertThat(keys.add(d.vendor().toUpperCase() + "|" + d.product().toUpperCase()))
                    .as("duplicate row %s", d.displayName()).isTrue();
        }
        for (DriveModel d : TABLE.all()) {
            for (String product : samplesFor(d)) {
                List<DriveModel> hits = TABLE.all().stream().filter(o -> o.matches(d.vendor(), product)).toList();
                assertThat(hits).as("rows matching %s / '%s'", d.vendor(), product).containsExactly(d);
            }
        }
        for (Named n : NAMED_IN_PROTOCOLS) {
            assertThat(TABLE.all().stream().filter(o -> o.matches(n.vendor(), n.product())).count())
                    .as("rows matching %s / '%s'", n.vendor(), n.product()).isEqualTo(1);
        }
    }

    /** Product strings a drive of this row could report. */
    private static List<String> samplesFor(DriveModel d) {
        List<String> out = new ArrayList<>(List.of(d.product(), d.product().toLowerCase(), d.product() + "   "));
        switch (d.match()) {
            case PREFIX -> out.add(d.product() + "-64930C");
            case CONTAINS -> {
                out.add("BD-RE  " + d.product());
                out.add("DVD+-RW " + d.product() + "IM");
            }
            default -> {
            }
        }
        return out;
    }

    @Test
    void everyDriveNamedInProtocolsIsPresentWithItsFamilyAndLayout() {
        for (Named n : NAMED_IN_PROTOCOLS) {
            assertThat(TABLE.lookup(n.vendor(), n.product()))
                    .as("%s %s", n.vendor(), n.product())
                    .hasValueSatisfying(d -> {
                        assertThat(d.family()).isEqualTo(n.family());
                        assertThat(d.layout()).isEqualTo(n.layout());
                    });
        }
    }

    @Test
    void lookupFindsTheSeedDrive() {
        assertThat(TABLE.lookup("ASUS", "CRW-5224A")).hasValueSatisfying(d -> {
            assertThat(d.family()).isEqualTo(DriveFamily.MTK8051);
            assertThat(d.layout()).isEqualTo(ImageLayout.MTK8051);
            assertThat(d.bootRegion()).isEqualTo(16 * 1024);
            assertThat(d.family().chipStyle()).isTrue();
        });
    }

    @Test
    void lookupTakesPaddedInquiryFieldsAndIgnoresVendorCase() {
        // INQUIRY fields are space-padded to 8 and 16 bytes (SPC-4 §6.6.2)
        assertThat(TABLE.lookup("ASUS    ", "CRW-5224A       ")).isPresent();
        assertThat(TABLE.lookup("asus", "CRW-5224A")).isPresent();
        assertThat(TABLE.lookup("tsstcorp", "DVD-ROM TS-H353A")).hasValueSatisfying(
                d -> assertThat(d.family()).isEqualTo(DriveFamily.TSST));
        assertThat(TABLE.lookup("HP", "DVD-ROM TS-H353C")).isPresent();
    }

    @Test
    void unknownDrivesAreNotFound() {
        assertThat(TABLE.lookup("PLEXTOR", "DVDR   PX-716A")).isEmpty();
        assertThat(TABLE.lookup("QEMU", "QEMU DVD-ROM")).isEmpty();
        // the product alone is not enough: the CRW-5224A updater refuses a Cendyne rebadge (docs/protocols.md §3)
        assertThat(TABLE.lookup("CENDYNE", "CRW-5224A")).isEmpty();
        // a neighbouring model of a known one
        assertThat(TABLE.lookup("TSSTcorp", "DVD-ROM TS-H352A")).isEmpty();
        assertThat(TABLE.lookup("", "")).isEmpty();
    }

    @Test
    void matchKindsBehaveAsDocumented() {
        DriveModel exact = new DriveModel("V", "ABC", ProductMatch.EXACT, DriveFamily.BTC, ImageLayout.BTC, 0, Optional.empty(), false, "s");
        DriveModel prefix = new DriveModel("V", "ABC", ProductMatch.PREFIX, DriveFamily.BTC, ImageLayout.BTC, 0, Optional.empty(), false, "s");
        DriveModel contains = new DriveModel("V", "ABC", ProductMatch.CONTAINS, DriveFamily.BTC, ImageLayout.BTC, 0, Optional.empty(), false, "s");
        assertThat(exact.matches("v", "abc ")).isTrue();
        assertThat(exact.matches("V", "ABCD")).isFalse();
        assertThat(prefix.matches("V", "ABCD")).isTrue();
        assertThat(prefix.matches("V", "XABC")).isFalse();
        assertThat(contains.matches("V", "XABCY")).isTrue();
        assertThat(contains.matches("W", "ABC")).isFalse();
    }

    /**
     * Every MT19xx row names its boot ID, 16 ASCII bytes as redumper's allow-list gives them
     * (docs/protocols.md §2.2: "MT1959 Boot BU5 " for the BU40N, "MT1959 Boot JB8 " for the others); no other
     * family's row has one.
     */
    @Test
    void everyMt19xxRowNamesItsBootIdAndNoOtherRowDoes() {
        for (DriveModel d : TABLE.all()) {
            if (d.family() == DriveFamily.MT19XX) {
                String want = d.product().contains("BU40N") ? "MT1959 Boot BU5 " : "MT1959 Boot JB8 ";
                assertThat(d.bootId()).as(d.displayName()).contains(want);
            } else {
                assertThat(d.bootId()).as(d.displayName()).isEmpty();
            }
        }
    }
}
