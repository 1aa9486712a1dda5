package dev.odflash.emulator.bench;

import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTable;
import dev.odflash.emulator.firmware.Mtk8051Firmware;
import dev.odflash.emulator.plan.PlanRunner;
import dev.odflash.plan.FlashPlan;
import dev.odflash.plan.FlashPlanner;
import dev.odflash.plan.ProtectedRegion;
import dev.odflash.plan.LowerBound;
import dev.odflash.transport.BusModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Issue 3 §5 benchmark: odflash's plan against the lower bound and against the naive whole-chip
 * rewrite, in simulated device time on the emulator's chip model plus the ATAPI PIO 4 link. Prints
 * figures; asserts nothing about time (benchmarks are benchmarks). Run with scripts/bench-plan.sh.
 */
public final class PlanBenchmark {
    private static final BusModel BUS = BusModel.ATAPI_PIO4;
    private static final int SIZE = 0x80000;

    private record Case(String name, byte[] current, byte[] target) {
    }

    private PlanBenchmark() {
    }

    public static void main(String[] args) {
        List<String> chips = List.of("SST39SF040", "W29C040", "MX25L4005");
        System.out.printf(Locale.ROOT, "%-10s %-15s %9s %9s %7s %9s %7s %6s %9s %6s %4s %9s %7s%n",
                "chip", "case", "plan s", "bound s", "ratio", "naive s", "speedup", "erases", "prog B", "calls",
                "viol", "noBoot s", "nratio");
        double worst = 0;
        for (String name : chips) {
            ChipSpec chip = ChipTable.builtIn().byName(name).orElseThrow();
            for (Case c : cases()) {
                FlashPlan plan = new FlashPlanner(chip, BUS).plan(c.current(), c.target());
                PlanRunner.Result run = PlanRunner.run(plan, c.current(), c.target(), BUS);
                PlanRunner.Result naive = PlanRunner.naive(chip, c.current(), c.target(), BUS);
                FlashPlan safe = new FlashPlanner(chip, BUS).protecting(List.of(new ProtectedRegion(0, Mtk8051Firmware.BOOT_REGION, "boot region"))).plan(c.current(), c.target());
                PlanRunner.Result safeRun = PlanRunner.run(safe, c.current(), c.target(), BUS);
                long bound = LowerBound.nanos(chip, BUS, c.current(), c.target());
                boolean ok = Arrays.equals(run.contents(), c.target()) && Arrays.equals(naive.contents(), c.target())
                        && Arrays.equals(safeRun.contents(), c.target()) && run.nanos() == plan.predictedNanos();
                double ratio = bound == 0 ? (run.nanos() == 0 ? 1.0 : Double.POSITIVE_INFINITY) : (double) run.nanos() / bound;
                worst = Math.max(worst, ratio);
                System.out.printf(Locale.ROOT, "%-10s %-15s %9.3f %9.3f %7.4f %9.3f %7s %6d %9d %6d %4d %9.3f %7.4f%s%n",
                        name, c.name(), s(run.nanos()), s(bound), ratio, s(naive.nanos()),
                        run.nanos() == 0 ? "no-op" : String.format(Locale.ROOT, "%.1fx", (double) naive.nanos() / run.nanos()),
                        plan.eraseCount(), plan.programBytes(), plan.programCalls(),
                        run.violations() + naive.violations() + safeRun.violations(),
                        s(safeRun.nanos()), bound == 0 ? 1.0 : (double) safeRun.nanos() / bound,
                        ok ? "" : "  MISMATCH");
            }
        }
        System.out.printf(Locale.ROOT, "worst plan/bound ratio: %.4f (target <= 1.05)%n", worst);
        System.out.println("viol = granularity violations of plan + naive + boot-avoiding plan; noBoot = plan that never erases 0..0x4000");
    }

    private static List<Case> cases() {
        List<String> v = Mtk8051Firmware.VERSIONS;
        List<Case> out = new ArrayList<>();
        for (int i = 0; i + 1 < v.size(); i++) {
            out.add(new Case(v.get(i) + "->" + v.get(i + 1), image(v.get(i)), image(v.get(i + 1))));
        }
        out.add(new Case("1.35->1.35", image("1.35"), image("1.35")));
        byte[] erased = new byte[SIZE];
        Arrays.fill(erased, (byte) 0xFF);
        out.add(new Case("erased->1.35", erased, image("1.35")));
        byte[] inverted = image("1.35");
        for (int i = 0; i < inverted.length; i++) {
            inverted[i] = (byte) ~inverted[i]; // differs from 1.35 in every byte
        }
        out.add(new Case("1.35->all-diff", image("1.35"), inverted));
        return out;
    }

    private static byte[] image(String version) {
        return Mtk8051Firmware.generate("ASUS", "CRW-5224A", version, SIZE);
    }

    private static double s(long nanos) {
        return nanos / 1e9;
    }
}
