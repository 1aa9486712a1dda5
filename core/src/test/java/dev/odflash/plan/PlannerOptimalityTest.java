package dev.odflash.plan;

import dev.odflash.chip.Bus;
import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.EraseRegion;
import dev.odflash.chip.Eraser;
import dev.odflash.chip.Timing;
import dev.odflash.chip.WriteModel;
import dev.odflash.transport.BusModel;
import dev.odflash.transport.JedecId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planner against every valid plan of tiny chips ({@link ExhaustivePlans}): its plan is valid (the
 * test's own {@link TinyChip} ends with the target and counts no write-model violation), it costs
 * exactly the exhaustive optimum, and {@link LowerBound} stays at or below that optimum.
 */
class PlannerOptimalityTest {
    /** A link where a command costs little more than its data, so how runs are grouped into calls matters. */
    private static final BusModel SHORT_COMMANDS = new BusModel(3_000, 2e7);
    private static final List<BusModel> BUSES = List.of(BusModel.ATAPI_PIO4, SHORT_COMMANDS);
    private static final int PAIRS = 24;
    private static final ProtectedRegion BOOT = new ProtectedRegion(0, 1024, "boot region");

    record Shape(String name, ChipSpec chip) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Eraser eraser(String name, double micros, EraseRegion... regions) {
        return new Eraser(name, List.of(regions), new Timing(micros, micros * 2));
    }

    private static ChipSpec chip(String name, int size, WriteModel model, double programUs, Eraser... erasers) {
        return new ChipSpec(name, List.of(), "Test", Bus.PARALLEL, new JedecId(0xAA, 0x55), size, "5 V", model,
                new Timing(programUs, programUs * 2), List.of(erasers), 70, Optional.empty(), true, "untested",
                "made up for the exhaustive test");
    }

    /** Nested layouts of every write model, 2 or 3 erasers, at most 16 of the planner's atoms. */
    static List<Shape> nested() {
        return List.of(
                new Shape("byte 16x256 / 4x1K / chip", chip("T-BYTE", 4096, new WriteModel.Byte(), 10,
                        eraser("sector", 2_000, new EraseRegion(256, 16)),
                        eraser("block", 5_000, new EraseRegion(1024, 4)),
                        eraser("chip", 20_000, new EraseRegion(4096, 1)))),
                new Shape("bit 8x512 / 2x2K / chip", chip("T-BIT", 4096, new WriteModel.Bit(), 12,
                        eraser("sector", 3_000, new EraseRegion(512, 8)),
                        eraser("block", 4_000, new EraseRegion(2048, 2)),
                        eraser("chip", 9_000, new EraseRegion(4096, 1)))),
                new Shape("page:64 16x256 / chip", chip("T-PAGE64", 4096, new WriteModel.Page(64), 400,
                        eraser("sector", 1_500, new EraseRegion(256, 16)),
                        eraser("chip", 6_000, new EraseRegion(4096, 1)))),
                new Shape("page:256 8x512 / 4x1K / chip", chip("T-PAGE256", 4096, new WriteModel.Page(256), 700,
                        eraser("sector", 2_500, new EraseRegion(512, 8)),
                        eraser("block", 3_000, new EraseRegion(1024, 4)),
                        eraser("chip", 12_000, new EraseRegion(4096, 1)))),
                new Shape("autopage:128 / chip", chip("T-AUTOPAGE", 4096, new WriteModel.AutoPage(128), 900,
                        eraser("chip", 5_000, new EraseRegion(4096, 1)))),
                new Shape("byte boot layout 1K,2x512,2K / chip", chip("T-BOOT", 4096, new WriteModel.Byte(), 15,
                        eraser("sector", 4_000, new EraseRegion(1024, 1), new EraseRegion(512, 2), new EraseRegion(2048, 1)),
                        eraser("chip", 7_000, new EraseRegion(4096, 1)))),
                new Shape("bit 16x256 / chip, a 2x2K eraser", chip("T-BIT2", 4096, new WriteModel.Bit(), 8,
                        eraser("sector", 1_200, new EraseRegion(256, 16)),
                        eraser("half", 2_000, new EraseRegion(2048, 2)))));
    }

    /**
     * Erase blocks smaller than a program window (no chip in the table has them; a user's table may): the
     * planner's calls stop at every erase boundary, so each window cut by one may cost one command more
     * than the optimum, never less (docs of {@link FlashPlanner}).
     */
    static ChipSpec subWindowSectors() {
        return chip("T-BYTE128", 2048, new WriteModel.Byte(), 10,
                eraser("sector", 1_000, new EraseRegion(128, 16)),
                eraser("chip", 6_000, new EraseRegion(2048, 1)));
    }

    /** Blocks of two erasers that overlap without nesting: the planner documents no optimum here, the bound must hold. */
    static ChipSpec overlapping() {
        return chip("T-OVERLAP", 4096, new WriteModel.Byte(), 10,
                eraser("even", 2_000, new EraseRegion(1024, 4)),
                eraser("odd", 2_500, new EraseRegion(512, 1), new EraseRegion(1024, 3), new EraseRegion(512, 1)));
    }

    record Pair(String name, byte[] current, byte[] target) {
    }

    /** Seeded pairs built from chunks (erased, data, filled, wiped, rewritten, bits cleared), plus the edge cases. */
    static List<Pair> pairs(int size, long seed) {
        Random r = new Random(seed);
        List<Pair> out = new ArrayList<>();
        for (int n = 0; n < PAIRS; n++) {
            int chunk = new int[]{16, 32, 64, 128}[r.nextInt(4)];
            double change = new double[]{0.03, 0.15, 0.5, 1.0}[r.nextInt(4)];
            double data = r.nextDouble();
            byte[] current = new byte[size];
            byte[] target = new byte[size];
            for (int at = 0; at < size; at += chunk) {
                boolean filled = r.nextDouble() < data;
                for (int i = at; i < at + chunk; i++) {
                    current[i] = filled ? (byte) (1 + r.nextInt(254)) : (byte) 0xFF; // never 0x00 or 0xFF in data
                }
                int kind = r.nextDouble() < change ? 1 + r.nextInt(3) : 0;
                for (int i = at; i < at + chunk; i++) {
                    byte c = current[i];
                    target[i] = switch (kind) {
                        case 1 -> filled ? (byte) 0xFF : (byte) (1 + r.nextInt(254)); // wipe, or fill erased space
                        case 2 -> filled ? (byte) (c + 1 + r.nextInt(253)) : c; // rewrite: every byte differs
                        case 3 -> (byte) (c & ~Integer.lowestOneBit(c & 0xFF)); // clear one set bit (0xFF -> 0xFE)
                        default -> c;
                    };
                    if (kind == 2 && filled && target[i] == (byte) 0xFF) {
                        target[i] = (byte) (c == 1 ? 2 : 1);
                    }
                }
            }
            out.add(new Pair("random #" + n + " (chunk " + chunk + ", change " + change + ")", current, target));
        }
        byte[] erased = PlanChips.erased(size);
        byte[] image = mixedImage(size, r);
        out.add(new Pair("identical", image, image.clone()));
        out.add(new Pair("all erased -> image", erased, image));
        out.add(new Pair("image -> all erased", image, erased.clone()));
        out.add(new Pair("all erased, identical", erased, erased.clone()));
        byte[] bootOnly = image.clone();
        bootOnly[10] = (byte) (bootOnly[10] == 0x11 ? 0x22 : 0x11);
        out.add(new Pair("only the boot region changes", image, bootOnly));
        byte[] aboveBoot = image.clone();
        for (int i = 1024; i < size; i += 97) {
            aboveBoot[i] = (byte) ~aboveBoot[i];
        }
        out.add(new Pair("everything above the boot region changes", image, aboveBoot));
        return out;
    }

    /** Data in 48-byte runs, every third run erased. */
    private static byte[] mixedImage(int size, Random r) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (i / 48) % 3 == 2 ? (byte) 0xFF : (byte) (1 + r.nextInt(254));
        }
        return b;
    }

    @ParameterizedTest
    @MethodSource("nested")
    void thePlannerReachesTheExhaustiveOptimumAndTheBoundStaysBelowIt(Shape shape) {
        ChipSpec chip = shape.chip();
        for (BusModel bus : BUSES) {
            for (Pair pair : pairs((int) chip.size(), shape.name().hashCode())) {
                String what = shape + ", " + pair.name() + ", bus overhead " + bus.commandOverheadNanos() + " ns";
                long optimum = new ExhaustivePlans(chip, bus, pair.current(), pair.target()).optimum();
                FlashPlan plan = new FlashPlanner(chip, bus).plan(pair.current(), pair.target());
                assertValid(chip, bus, pair, plan, what);
                assertThat(plan.predictedNanos()).as(what + ": plan cost vs exhaustive optimum").isEqualTo(optimum);
                long bound = LowerBound.nanos(chip, bus, pair.current(), pair.target());
                assertThat(bound).as(what + ": lower bound").isLessThanOrEqualTo(optimum);
                assertThat(bound == 0).as(what + ": bound is 0 exactly when nothing changes")
                        .isEqualTo(Arrays.equals(pair.current(), pair.target()));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("nested")
    void aProtectedBootRegionCostsTheOptimumOfThePlansThatKeepErasesOffIt(Shape shape) {
        ChipSpec chip = shape.chip();
        for (BusModel bus : BUSES) {
            for (Pair pair : pairs((int) chip.size(), shape.name().hashCode() + 1)) {
                String what = shape + ", " + pair.name() + ", bus overhead " + bus.commandOverheadNanos() + " ns";
                ExhaustivePlans all = new ExhaustivePlans(chip, bus, pair.current(), pair.target());
                long keptOff = all.optimum(b -> BOOT.overlaps(b.offset(), b.end()));
                FlashPlan plan = new FlashPlanner(chip, bus).protecting(List.of(BOOT)).plan(pair.current(), pair.target());
                assertValid(chip, bus, pair, plan, what);
                if (keptOff != ExhaustivePlans.IMPOSSIBLE) {
                    assertThat(plan.predictedNanos()).as(what + ": cheapest plan erasing nothing of the boot region").isEqualTo(keptOff);
                    boolean bootChanges = !Arrays.equals(pair.current(), 0, 1024, pair.target(), 0, 1024);
                    assertThat(plan.touched(List.of(BOOT)).isEmpty()).as(what + ": boot region touched").isEqualTo(!bootChanges);
                } else {
                    assertThat(plan.predictedNanos()).as(what + ": only an erase of the boot region reaches the target")
                            .isEqualTo(all.optimum());
                    assertThat(plan.touched(List.of(BOOT))).as(what).containsExactly(BOOT);
                }
            }
        }
    }

    @Test
    void eraseBlocksInsideAProgramWindowCostAtMostOneCommandMorePerWindowCut() {
        ChipSpec chip = subWindowSectors();
        int cutWindows = (int) (chip.size() / chip.maxProgramLength());
        for (BusModel bus : BUSES) {
            for (Pair pair : pairs((int) chip.size(), 78)) {
                String what = pair.name() + ", bus overhead " + bus.commandOverheadNanos() + " ns";
                long optimum = new ExhaustivePlans(chip, bus, pair.current(), pair.target()).optimum();
                FlashPlan plan = new FlashPlanner(chip, bus).plan(pair.current(), pair.target());
                assertValid(chip, bus, pair, plan, what);
                assertThat(plan.predictedNanos()).as(what)
                        .isBetween(optimum, optimum + cutWindows * (bus.commandOverheadNanos() + 1));
                assertThat(LowerBound.nanos(chip, bus, pair.current(), pair.target())).as(what).isLessThanOrEqualTo(optimum);
            }
        }
    }

    @Test
    void onBlocksThatOverlapWithoutNestingTheBoundStillStaysBelowEveryPlan() {
        ChipSpec chip = overlapping();
        for (BusModel bus : BUSES) {
            for (Pair pair : pairs((int) chip.size(), 77)) {
                String what = pair.name() + ", bus overhead " + bus.commandOverheadNanos() + " ns";
                long optimum = new ExhaustivePlans(chip, bus, pair.current(), pair.target()).optimum();
                FlashPlan plan = new FlashPlanner(chip, bus).plan(pair.current(), pair.target());
                assertValid(chip, bus, pair, plan, what);
                assertThat(plan.predictedNanos()).as(what).isGreaterThanOrEqualTo(optimum);
                assertThat(LowerBound.nanos(chip, bus, pair.current(), pair.target())).as(what).isLessThanOrEqualTo(optimum);
            }
        }
    }

    private static void assertValid(ChipSpec chip, BusModel bus, Pair pair, FlashPlan plan, String what) {
        TinyChip tiny = new TinyChip(chip, bus, pair.current());
        tiny.run(plan);
        assertThat(tiny.violations).as(what + ": write-model violations").isZero();
        assertThat(tiny.cells).as(what + ": chip after the plan").isEqualTo(pair.target());
        assertThat(tiny.nanos).as(what + ": the plan prices itself").isEqualTo(plan.predictedNanos());
    }
}
