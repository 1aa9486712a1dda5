package dev.odflash.image.extract;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CoverageTest {
    private static List<String> claim(Coverage c, long from, long to) {
        return c.claim(from, to).stream().map(r -> r[0] + "-" + r[1]).toList();
    }

    @Test
    void handsOutEachByteOnce() {
        Coverage c = new Coverage();
        assertThat(claim(c, 10, 20)).containsExactly("10-20");
        assertThat(claim(c, 10, 20)).isEmpty();
        assertThat(claim(c, 5, 25)).containsExactly("5-10", "20-25");
        assertThat(claim(c, 30, 40)).containsExactly("30-40");
        assertThat(claim(c, 0, 50)).containsExactly("0-5", "25-30", "40-50");
        assertThat(claim(c, 0, 50)).isEmpty();
    }

    @Test
    void aClaimedRangeNeverGrowsWhenNeighboursMerge() {
        Coverage c = new Coverage();
        claim(c, 20, 30);
        List<long[]> got = c.claim(10, 20);
        claim(c, 0, 100);
        assertThat(got).singleElement().satisfies(r -> assertThat(r).containsExactly(10, 20));
    }
}
