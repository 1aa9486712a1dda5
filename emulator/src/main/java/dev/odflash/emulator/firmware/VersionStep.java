package dev.odflash.emulator.firmware;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;

import static dev.odflash.emulator.firmware.Mtk8051Firmware.BANK;
import static dev.odflash.emulator.firmware.Mtk8051Firmware.BOOT_REGION;
import static dev.odflash.emulator.firmware.Mtk8051Firmware.SECTOR;
import static dev.odflash.emulator.firmware.Mtk8051Firmware.TEMPLATE_OFFSET;

/**
 * Turns one synthetic version into the next, changing 14-26 % of the image's 4 KiB sectors (inside the
 * contract's 10-30 % whether counted against all sectors or only those outside the boot region), never
 * one of the boot region's. The changes are of the kinds real updates show, so each write model gets
 * something to plan:
 * <ul>
 *   <li>the identity sector: the template's revision and date (always; needs an erase);</li>
 *   <li>rewritten sectors: code recompiled in place (needs an erase on every part);</li>
 *   <li>grown sectors: a new routine appended where a bank's free 0xFF tail starts (every changed
 *       byte was 0xFF, so a byte part programs it without erase); at most one per bank and step;</li>
 *   <li>patched sectors: instructions NOPed out (0x00) or single flag bits cleared, so only bits go
 *       1→0 (program-only on a bit part, an erase on a byte part).</li>
 * </ul>
 * Each chosen sector changes in at least one byte and no other sector changes, so the count is exact.
 */
final class VersionStep {
    /** A sector needs a run this long of 0xFF bytes to take a new routine. */
    private static final int MIN_FREE_RUN = 320;
    /** A sector needs this many code bytes to be rewritten or patched. */
    private static final int MIN_CODE = 2048;

    private final byte[] image;
    private final RandomGenerator rng;
    private final int sectors;
    private final int identitySector = TEMPLATE_OFFSET / SECTOR;

    VersionStep(byte[] image, RandomGenerator rng) {
        this.image = image;
        this.rng = rng;
        this.sectors = image.length / SECTOR;
    }

    void apply(String version, String vendor, String product) {
        Mtk8051Firmware.writeTemplate(image, vendor, product, version);

        int changed = (int) Math.round(sectors * (0.14 + 0.12 * rng.nextDouble()));
        int others = changed - 1;
        int grown = Math.max(1, (int) Math.round(others * (0.2 + 0.2 * rng.nextDouble())));
        int patched = Math.max(1, (int) Math.round(others * (0.1 + 0.1 * rng.nextDouble())));

        List<Integer> taken = new ArrayList<>(List.of(identitySector));
        for (int sector : pick(grown, growthSectors()::get, taken)) {
            grow(sector);
        }
        for (int sector : pick(patched, this::hasCode, taken)) {
            patch(sector);
        }
        // The rest are rewrites (also covering any shortfall of free space), so the count holds.
        for (int sector : pick(changed - taken.size(), this::hasCode, taken)) {
            rewrite(sector);
        }
    }

    /** Up to {@code n} random sectors outside the boot region that satisfy {@code fits}, not yet taken. */
    private List<Integer> pick(int n, IntPredicate fits, List<Integer> taken) {
        List<Integer> candidates = new ArrayList<>();
        for (int s = BOOT_REGION / SECTOR; s < sectors; s++) {
            if (!taken.contains(s) && fits.test(s)) {
                candidates.add(s);
            }
        }
        Collections.shuffle(candidates, rng);
        List<Integer> chosen = candidates.subList(0, Math.min(n, candidates.size()));
        taken.addAll(chosen);
        return List.copyOf(chosen);
    }

    /**
     * Adds a routine of 64-1024 bytes at the start of the sector's first long 0xFF run (16 bytes
     * past its start, on a 16-byte boundary, as a linker appends a module), so a bank's code grows
     * into its free tail and the tail stays one run.
     */
    private void grow(int sector) {
        int[] run = freeRun(sector);
        int at = (run[0] + 31) & ~0xF;
        int length = Math.min(run[1] - 16 - at, 64 + rng.nextInt(961));
        // CodeWriter ends with NOP padding, so at least one byte changes.
        new CodeWriter(rng, codeStart(at), codeEnd()).fill(image, at, at + length);
    }

    /** NOPs out 1-3 instructions (bytes become 0x00) or clears single bits: only 1→0 changes, on non-0xFF bytes. */
    private void patch(int sector) {
        int base = sector * SECTOR;
        int from = base + 0x40;
        int to = freeRunFrom(base) - 3;
        int spots = 1 + rng.nextInt(3);
        boolean changedAny = false;
        for (int tries = 0; tries < 200 && (spots > 0 || !changedAny); tries++) {
            int at = from + rng.nextInt(to - from);
            if (!isCode(at, 3)) {
                continue;
            }
            if (rng.nextBoolean()) {
                if (image[at] == 0 && image[at + 1] == 0 && image[at + 2] == 0) {
                    continue;
                }
                image[at] = image[at + 1] = image[at + 2] = 0x00;
            } else {
                int value = image[at] & 0xFF;
                if (value == 0) {
                    continue;
                }
                image[at] = (byte) (value & ~Integer.lowestOneBit(value));
            }
            changedAny = true;
            spots--;
        }
        if (!changedAny) {
            throw new IllegalStateException("no code to patch in sector " + sector);
        }
    }

    /** Recompiles the sector's code: everything up to its first long 0xFF run, keeping a bank's vector area. */
    private void rewrite(int sector) {
        int base = sector * SECTOR;
        int from = base % BANK == 0 ? base + 0x40 : base;
        int[] run = freeRun(sector);
        int to = run == null ? base + SECTOR : run[0];
        byte[] before = Arrays.copyOfRange(image, from, to);
        new CodeWriter(rng, codeStart(from), codeEnd()).fill(image, from, to);
        if (Arrays.equals(before, 0, before.length, image, from, to)) {
            image[from] = (byte) ~image[from]; // astronomically unlikely; keeps the change count exact
        }
    }

    /** Bank-local start of code in the bank holding {@code at}: bank 0 after its template area, others after their vectors. */
    private static int codeStart(int at) {
        return at < BANK ? 0x4200 : 0x0040;
    }

    private static int codeEnd() {
        return 0xC000;
    }

    /**
     * The sectors new code would go to, one per bank at most: the sector where its bank's free tail starts (or the
     * next one, when less than a routine's room is left), so code grows contiguously, as from a linker. Found once
     * per step, bank by bank (asking sector by sector walked each bank's tail again for every sector: most of an
     * emulated drive's start-up, docs/build-notes.md).
     */
    private java.util.BitSet growthSectors() {
        java.util.BitSet growth = new java.util.BitSet(sectors);
        for (int bankStart = 0; bankStart < image.length; bankStart += BANK) {
            // The last 16 bytes of a bank may hold a marker ("LITEONIT"); the tail is the 0xFF run before them.
            int tail = bankStart + BANK - 16;
            while (tail > bankStart && image[tail - 1] == (byte) 0xFF) {
                tail--;
            }
            int sector = tail / SECTOR;
            if ((sector + 1) * SECTOR - tail < MIN_FREE_RUN) {
                sector++;
            }
            // a sector counts for its own bank only (the next one may start the next bank)
            if (sector < sectors && sector * SECTOR / BANK * BANK == bankStart && freeRun(sector) != null) {
                growth.set(sector);
            }
        }
        return growth;
    }

    private boolean hasCode(int sector) {
        int base = sector * SECTOR;
        int code = 0;
        for (int i = base; i < base + SECTOR; i++) {
            if (image[i] != (byte) 0xFF) {
                code++;
            }
        }
        return code >= MIN_CODE && freeRunFrom(base) - base >= MIN_CODE;
    }

    private boolean isCode(int at, int length) {
        for (int i = at; i < at + length; i++) {
            if (image[i] == (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }

    /** The sector's first run of at least {@link #MIN_FREE_RUN} 0xFF bytes as {start, end}, or null. */
    private int[] freeRun(int sector) {
        int base = sector * SECTOR;
        int end = base + SECTOR;
        int i = base;
        while (i < end) {
            if (image[i] != (byte) 0xFF) {
                i++;
                continue;
            }
            int start = i;
            while (i < end && image[i] == (byte) 0xFF) {
                i++;
            }
            if (i - start >= MIN_FREE_RUN) {
                return new int[]{start, i};
            }
        }
        return null;
    }

    /** Start of the first long 0xFF run at or after {@code base} within its sector, or the sector's end. */
    private int freeRunFrom(int base) {
        int[] run = freeRun(base / SECTOR);
        return run == null ? base + SECTOR : run[0];
    }
}
