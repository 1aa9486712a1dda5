package dev.odflash.ops;

import org.junit.jupiter.api.Test;

import static dev.odflash.ops.ImageFit.Relation.NEWER;
import static dev.odflash.ops.ImageFit.Relation.OLDER;
import static dev.odflash.ops.ImageFit.Relation.SAME;
import static dev.odflash.ops.ImageFit.Relation.UNKNOWN;
import static dev.odflash.ops.ImageFit.Relation.UNORDERED;
import static org.assertj.core.api.Assertions.assertThat;

class ImageFitTest {
    @Test
    void revisionsCompareNumerically() {
        assertThat(ImageFit.relation("1.10", "1.35", false)).isEqualTo(NEWER);
        assertThat(ImageFit.relation("1.35", "1.10", false)).isEqualTo(OLDER);
        assertThat(ImageFit.relation("1.9", "1.10", false)).isEqualTo(NEWER);
        assertThat(ImageFit.relation("TS01", "TS00", false)).isEqualTo(OLDER);
        assertThat(ImageFit.relation("SB02", "SB02", false)).isEqualTo(SAME);
        assertThat(ImageFit.relation("SB02", "FT02", false)).isEqualTo(UNORDERED);
        assertThat(ImageFit.relation("BOOT", "1.10", true)).isEqualTo(UNKNOWN);
    }
}
