package dev.odflash.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Image pairs that exercise every class of change: rewrites, 1 -> 0 clears, fills of erased space, erasures. */
final class PlanScenarios {
    record Pair(String name, byte[] current, byte[] target) {
    }

    private PlanScenarios() {
    }

    /** Code-like content: random bytes with erased (0xFF) tails in every 8 KiB, like firmware banks. */
    static byte[] image(int size, long seed) {
        Random r = new Random(seed);
        byte[] b = PlanChips.erased(size);
        for (int base = 0; base < size; base += 8192) {
            int used = 2048 + r.nextInt(5000);
            for (int i = 0; i < used; i++) {
                b[base + i] = (byte) r.nextInt(255); // never 0xFF inside code, so tails stay recognisable
            }
        }
        return b;
    }

    static List<Pair> pairs(int size, long seed) {
        Random r = new Random(seed);
        byte[] base = image(size, seed);
        List<Pair> out = new ArrayList<>();

        byte[] scattered = base.clone();
        for (int n = 0; n < 40; n++) {
            scattered[r.nextInt(size)] ^= (byte) (1 + r.nextInt(254));
        }
        out.add(new Pair("scattered rewrites", base, scattered));

        byte[] clears = base.clone();
        for (int n = 0; n < 300; n++) {
            int i = r.nextInt(size);
            clears[i] &= (byte) ~(1 << r.nextInt(8));
        }
        out.add(new Pair("1->0 clears", base, clears));

        byte[] fills = base.clone();
        for (int i = 0; i < size; i++) {
            if (fills[i] == (byte) 0xFF && (i / 512) % 5 == 1) {
                fills[i] = (byte) (i * 31);
            }
        }
        out.add(new Pair("fills of erased space", base, fills));

        byte[] wiped = base.clone();
        java.util.Arrays.fill(wiped, size / 2, size / 2 + 12288, (byte) 0xFF);
        out.add(new Pair("data -> erased", base, wiped));

        byte[] blockRewrite = base.clone();
        for (int i = 65536; i < 65536 + 60000; i++) {
            blockRewrite[i] = (byte) ~blockRewrite[i];
        }
        out.add(new Pair("most of a 64 KiB block rewritten", base, blockRewrite));

        byte[] everywhere = base.clone();
        for (int i = 0; i < size; i++) {
            everywhere[i] = (byte) ~everywhere[i];
        }
        out.add(new Pair("differs everywhere", base, everywhere));
        out.add(new Pair("erased -> image", PlanChips.erased(size), base));
        out.add(new Pair("identical", base, base.clone()));
        return out;
    }
}
