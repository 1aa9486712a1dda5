package dev.odflash.nativeio.flashrom;

import dev.odflash.transport.TransportException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * odflash's fault decorator around a programmer session, on an in-memory chip (no libflashrom needed): what each
 * fault leaves on the chip, whether the session survives it, and the stale-reference check. The same faults on
 * the dummy programmer, end to end, are cli's ExternalFaultCampaignTest.
 */
class FaultyProgrammerTest {
    private static final int SIZE = 64 * 1024;
    private static final int BLOCK = 4096;

    /** A chip in memory: writes overwrite the regions, as the dummy does. */
    private static final class MemoryChip implements ProgrammerSession {
        final byte[] bytes = new byte[SIZE];
        int writes;

        @Override
        public long size() {
            return SIZE;
        }

        @Override
        public void read(long start, int length, byte[] into) {
            System.arraycopy(bytes, (int) start, into, (int) start, length);
        }

        @Override
        public void write(List<long[]> regions, byte[] target, byte[] reference) {
            writes++;
            for (long[] r : regions) {
                System.arraycopy(target, (int) r[0], bytes, (int) r[0], (int) r[1]);
            }
        }

        @Override
        public void observe(int level, Consumer<String> lines) {
        }

        @Override
        public String programmer() {
            return "memory";
        }

        @Override
        public Probed probe(Optional<String> flashromName) {
            return new Probed("memory", SIZE);
        }

        @Override
        public Protection protection() {
            return new Protection(false, "disabled", 0, 0, "");
        }

        @Override
        public void unprotect() {
        }

        @Override
        public Erased erased() {
            return new Erased(0, 0);
        }

        @Override
        public void close() {
        }
    }

    private final MemoryChip chip = new MemoryChip();
    private final byte[] target = new byte[SIZE];
    // four blocks from 0x4000: the middle one (by bytes) is the third, 0x6000
    private final List<long[]> regions = List.of(new long[]{0x4000, 2 * BLOCK}, new long[]{0x6000, 2 * BLOCK});

    FaultyProgrammerTest() {
        Arrays.fill(chip.bytes, (byte) 0x11);
        Arrays.fill(target, (byte) 0x22);
    }

    private FaultyProgrammer faulty(String plan) {
        return new FaultyProgrammer(chip, FaultPlan.parse(plan));
    }

    private byte[] reference() {
        return chip.bytes.clone();
    }

    private byte[] range(int from, int to) {
        return Arrays.copyOfRange(chip.bytes, from, to);
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void aRefusedEraseWritesTheBlocksBeforeTheMiddleFailsAndKeepsTheSession() throws Exception {
        FaultyProgrammer p = faulty("erase-fail:2");
        p.write(regions, target, reference()); // write 1: untouched by the fault
        Arrays.fill(chip.bytes, (byte) 0x11);
        assertThatThrownBy(() -> p.write(regions, target, reference()))
                .isInstanceOf(TransportException.class).hasMessageContaining("erase").hasMessageContaining("odflash_fault");
        assertThat(range(0x4000, 0x6000)).isEqualTo(filled(0x2000, 0x22)); // before the middle block: written
        assertThat(range(0x6000, 0x8000)).isEqualTo(filled(0x2000, 0x11)); // the refused block and after: unchanged
        byte[] back = new byte[SIZE];
        p.read(0, SIZE, back); // still powered: the channel's re-read works
        assertThat(back).isEqualTo(chip.bytes);
    }

    @Test
    void ignoredProgramsEraseTheChangedBlocksAndReportSuccess() throws Exception {
        byte[] t = reference();
        Arrays.fill(t, 0x5000, 0x5010, (byte) 0x33); // only the second block changes
        faulty("program-ignored:1").write(regions, t, reference());
        assertThat(range(0x5000, 0x6000)).isEqualTo(filled(BLOCK, 0xFF));
        assertThat(range(0x4000, 0x5000)).isEqualTo(filled(BLOCK, 0x11)); // unchanged blocks are not erased
        assertThat(range(0x6000, 0x8000)).isEqualTo(filled(0x2000, 0x11));
    }

    @Test
    void aCutInsideHalfProgramsTheMiddleBlockAndThenNothingAnswers() {
        FaultyProgrammer p = faulty("cut-inside:1");
        assertThatThrownBy(() -> p.write(regions, target, reference())).hasMessageContaining("lost power");
        assertThat(range(0x6000, 0x6800)).isEqualTo(filled(0x800, 0x22));
        assertThat(range(0x6800, 0x7000)).isEqualTo(filled(0x800, 0xFF));
        assertThat(range(0x7000, 0x8000)).isEqualTo(filled(BLOCK, 0x11));
        assertThatThrownBy(() -> p.read(0, SIZE, new byte[SIZE])).hasMessageContaining("without power");
    }

    @Test
    void aCutBetweenWritesNothing() {
        FaultyProgrammer p = faulty("cut-between:1");
        assertThatThrownBy(() -> p.write(regions, target, reference())).hasMessageContaining("before region write 1");
        assertThat(chip.writes).isZero();
    }

    @Test
    void aStaleReferenceIsRefusedBeforeAnythingIsWritten() {
        byte[] stale = reference();
        stale[0x6001] ^= 0x40;
        assertThatThrownBy(() -> faulty("cut-between:9").write(regions, target, stale))
                .hasMessageContaining("stale reference").hasMessageContaining("0x6000");
        assertThat(chip.writes).isZero();
    }

    @Test
    void aProtectedRangeIsReportedRefusesWritesIntoItAndLiftsOnUnprotect() throws Exception {
        FaultyProgrammer p = faulty("wp:0x7000-0xFFFF");
        assertThat(p.protection().active()).isTrue();
        assertThat(p.protection().start()).isEqualTo(0x7000);
        assertThat(p.protection().length()).isEqualTo(0x9000);
        assertThatThrownBy(() -> p.write(regions, target, reference())).hasMessageContaining("write-protected");
        assertThat(chip.writes).isZero();
        p.write(List.of(new long[]{0x4000, BLOCK}), target, reference()); // outside the range: written
        assertThat(chip.writes).isEqualTo(1);
        p.unprotect();
        assertThat(p.protection().active()).isFalse();
        p.write(regions, target, reference());
        assertThat(range(0x4000, 0x8000)).isEqualTo(filled(0x4000, 0x22));
    }

    @Test
    void thePlanGrammarNamesEveryKindAndRefusesOthers() {
        assertThat(FaultPlan.parse("erase-fail:3+program-ignored:4+cut-inside:1"))
                .isEqualTo(new FaultPlan(0, 1, 3, 4, 0, 0));
        assertThatThrownBy(() -> FaultPlan.parse("erase-fail:0")).hasMessageContaining("from 1");
        assertThatThrownBy(() -> FaultPlan.parse("flip:3")).hasMessageContaining("program-ignored:N");
        assertThat(FaultPlan.parse("wp:0x10000-0x7FFFF").protectLength()).isEqualTo(0x70000);
        assertThatThrownBy(() -> FaultPlan.parse("wp:0x20-0x10")).hasMessageContaining("wp:START-END");
    }
}
