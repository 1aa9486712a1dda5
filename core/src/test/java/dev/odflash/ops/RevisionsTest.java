package dev.odflash.ops;

import org.junit.jupiter.api.Test;

import static dev.odflash.ops.Revisions.Order.NEWER;
import static dev.odflash.ops.Revisions.Order.OLDER;
import static dev.odflash.ops.Revisions.Order.SAME;
import static dev.odflash.ops.Revisions.Order.UNORDERED;
import static org.assertj.core.api.Assertions.assertThat;

/** The version gate's comparator: ordered within one scheme, unordered otherwise (docs/architecture.md "Safety rules", rule 4). */
class RevisionsTest {
    @Test
    void dottedNumericGroupsCompareAsNumbers() {
        assertThat(Revisions.compare("1.10", "1.35")).isEqualTo(NEWER);
        assertThat(Revisions.compare("1.35", "1.10")).isEqualTo(OLDER);
        assertThat(Revisions.compare("1.9", "1.10")).isEqualTo(NEWER);
        assertThat(Revisions.compare("0040", "0036")).isEqualTo(OLDER);
        assertThat(Revisions.compare("1.0", "1.0.1")).isEqualTo(NEWER);
        assertThat(Revisions.compare("1.0", "1.00")).isEqualTo(SAME);
    }

    @Test
    void sameLengthCodesWithTheSamePrefixCompareByPosition() {
        assertThat(Revisions.compare("GS0K", "GS0J")).isEqualTo(OLDER);
        assertThat(Revisions.compare("GS0J", "GS0K")).isEqualTo(NEWER);
        assertThat(Revisions.compare("GS09", "GS0A")).as("digits before letters").isEqualTo(NEWER);
        assertThat(Revisions.compare("TS01", "TS00")).isEqualTo(OLDER);
        assertThat(Revisions.compare("sb02", "SB02 ")).isEqualTo(SAME);
    }

    @Test
    void pairsOfDifferentSchemesCannotBeOrdered() {
        assertThat(Revisions.compare("1.10", "1.0B")).isEqualTo(UNORDERED);
        assertThat(Revisions.compare("1.0B", "1.10")).isEqualTo(UNORDERED);
        assertThat(Revisions.compare("1.0A", "1.0B")).as("punctuated codes").isEqualTo(UNORDERED);
        assertThat(Revisions.compare("SB02", "FT02")).as("another prefix").isEqualTo(UNORDERED);
        assertThat(Revisions.compare("GS0K", "GS0K1")).as("another length").isEqualTo(UNORDERED);
        assertThat(Revisions.compare("SB01", "1.0B")).isEqualTo(UNORDERED);
        assertThat(Revisions.compare("", "1.10")).isEqualTo(UNORDERED);
    }

    @Test
    void theVersionGateRelationFailsClosedButBootModeStaysOpen() {
        assertThat(ImageFit.relation("1.10", "1.0B", false)).isEqualTo(ImageFit.Relation.UNORDERED);
        assertThat(ImageFit.relation("GS0K", "GS0J", false)).isEqualTo(ImageFit.Relation.OLDER);
        assertThat(ImageFit.relation("BOOT", "1.10", true)).isEqualTo(ImageFit.Relation.UNKNOWN);
    }
}
