package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTable;
import dev.odflash.chip.ChipTimings;
import dev.odflash.chip.Eraser;
import dev.odflash.emulator.firmware.Mtk8051Firmware;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Benchmark of the register-level 8051-era vendor mode (issue 14 §5; run by scripts/bench-vendor-mode.sh): the
 * simulated device time odflash needs on {@code emu:asus-crw-5224a} (SST39SF040) for a backup, a flash 1.10 to 1.20,
 * and a full rewrite (every sector after the boot region differs), against two figures in the same cost model:
 *
 * <ul>
 *   <li>the lower bound: what the safety rules require and no less (two matching reads for the backup, the erases
 *       and byte programs the content difference forces, one verify read), one intro and outro, and each byte
 *       command as its register accesses (7: Device, LBA mid, LBA high, Device, SN, Command, Status) at 1 µs each
 *       (the emulator's inference for a port access) plus the chip's typical times;</li>
 *   <li>JungleFlasher's procedure as the vendor-mode notes describe it: chip erase and 12 x 250 ms, every byte
 *       programmed with its unlock cycles and a fixed 20 ms per 256-byte page instead of polling, every byte read
 *       twice (before and after).</li>
 * </ul>
 * Prints figures; asserts nothing (timing targets live in benchmarks, never in tests).
 */
public final class VendorModeBench {
    private static final double ACCESS_S = 1e-6;
    private static final int BYTE_COMMAND_ACCESSES = 7;
    /** Intro: Device, 250 ms, Device, SN, SN read, Command, 2 ms, Device, Status; outro: 0x81, 0x08, Status, 350 ms. */
    private static final double INTRO_OUTRO_S = 0.250 + 0.002 + 0.350 + 12 * ACCESS_S;

    private VendorModeBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("odflash-bench-vendor");
        ChipSpec chip = ChipTable.builtIn().byName("SST39SF040").orElseThrow();
        int size = (int) chip.size();
        byte[] v110 = Mtk8051Firmware.generate("ASUS", "CRW-5224A", "1.10", size);
        byte[] v120 = Mtk8051Firmware.generate("ASUS", "CRW-5224A", "1.20", size);
        byte[] scrambled = scrambled(v110);
        System.out.printf("register-level vendor mode, emu:asus-crw-5224a, %s (%d KiB), simulated device time%n",
                chip.name(), size / 1024);
        System.out.printf("%-22s %10s %12s %7s %14s %9s%n", "scenario", "odflash s", "lower bnd s", "ratio",
                "JungleFlash s", "speed-up");
        row("backup", backup(dir, v110), 2 * readPass(chip, size), 2 * readPass(chip, size));
        // a flash cannot happen without entering vendor mode once: both columns carry one intro and outro, as odflash's
        // figure carries every one it sends (the backup figure is the read's device time alone, so none there)
        row("flash 1.10 -> 1.20", flash(dir, v110, v120, "a"), INTRO_OUTRO_S + flashBound(chip, v110, v120),
                INTRO_OUTRO_S + jungleFlasher(chip, size));
        row("full rewrite", flash(dir, scrambled, v120, "b"), INTRO_OUTRO_S + flashBound(chip, scrambled, v120),
                INTRO_OUTRO_S + jungleFlasher(chip, size));
        System.out.printf("flash rows: bound and JungleFlasher include one intro and outro (%.3f s); the backup row none%n",
                INTRO_OUTRO_S);
        System.out.println("bound per byte program: 3 byte commands + the data write + max(program time, 6 us) + 2 accesses"
                + " (the one Data# read overlaps the program time; the bound before 2026-12 charged it after, 6 us/byte too high)");
        System.out.println("targets (issue 14 §5): ratio <= 1.05; full rewrite at least 3x faster than JungleFlasher's procedure");
    }

    /**
     * odflash's backup figure is its read's device time alone (the bound carries no intro/outro there), its flash
     * figure the whole run with every intro it sends (the bound and JungleFlasher's figure carry one).
     */
    private static void row(String name, double odflash, double bound, double jf) {
        System.out.printf("%-22s %10.2f %12.2f %7.3f %14.2f %8.2fx%n", name, odflash, bound, odflash / bound, jf,
                jf / odflash);
    }

    /** 1.10 with every byte after the boot region changed, keeping each bank's first byte and the INQUIRY template. */
    private static byte[] scrambled(byte[] image) {
        byte[] out = image.clone();
        int template = indexOf(image, new byte[] {0x05, (byte) 0x80, 0x00, 0x32});
        for (int i = 0x4000; i < out.length; i++) {
            boolean keep = i % 0x10000 == 0 || (i >= template && i < template + 52);
            if (!keep) {
                out[i] = (byte) (image[i] ^ 0x5A);
            }
        }
        return out;
    }

    private static int indexOf(byte[] data, byte[] what) {
        outer:
        for (int i = 0x4000; i + what.length <= data.length; i++) {
            for (int k = 0; k < what.length; k++) {
                if (data[i + k] != what[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("no INQUIRY template");
    }

    private static double readPass(ChipSpec chip, int size) {
        return size * BYTE_COMMAND_ACCESSES * ACCESS_S + ChipTimings.readNanos(chip, size) / 1e9;
    }

    /** Two backup reads, the forced erases and programs (Data# polled: one read each), one verify read. */
    private static double flashBound(ChipSpec chip, byte[] from, byte[] to) {
        Eraser sector = chip.smallestEraser();
        int block = sector.smallestBlock();
        double t = 3 * readPass(chip, from.length);
        for (int at = 0; at < from.length; at += block) {
            boolean erase = false;
            for (int i = at; i < at + block; i++) {
                erase |= from[i] != to[i] && from[i] != (byte) 0xFF; // a byte part programs only erased bytes
            }
            if (erase) {
                t += busyBound(5, ChipTimings.eraseNanos(chip, sector) / 1e9);
            }
            for (int i = at; i < at + block; i++) {
                boolean program = to[i] != (byte) 0xFF && (erase || from[i] != to[i]);
                if (program) {
                    t += programBound(chip.programTime().typicalNanos() / 1e9);
                }
            }
        }
        return t;
    }

    /**
     * One byte program: unlock AA/55 and A0 (three byte commands), then the data byte's write, whose Command write (its
     * 6th access) starts the part's program time. The one Data# poll read that sees the byte overlaps that time: its
     * chip read happens at its own Command write (6 accesses after the write's Command: the write's Status, then the
     * poll's Device, LBA mid, LBA high, Device, Command), so it can sample no earlier than max(program time, 6 µs)
     * after the program started, and ends 2 accesses later (Status, SN). Until 2026-12 the bound charged the poll read
     * after the whole program time (5 commands + program time, 6 µs more per byte than this model allows).
     */
    private static double programBound(double programS) {
        return busyBound(3, programS);
    }

    /** {@code before} byte commands, then the one that starts a busy window, then the one Data# read that ends it. */
    private static double busyBound(int before, double busyS) {
        return (before * BYTE_COMMAND_ACCESSES + 6) * ACCESS_S + Math.max(busyS, 6 * ACCESS_S) + 2 * ACCESS_S;
    }

    private static double jungleFlasher(ChipSpec chip, int size) {
        double reads = 2 * 2 * readPass(chip, size); // backup read twice, verify read twice
        double erase = 6 * BYTE_COMMAND_ACCESSES * ACCESS_S + 12 * 0.250;
        double program = (double) size * 4 * BYTE_COMMAND_ACCESSES * ACCESS_S + size / 256 * 0.020;
        return reads + erase + program;
    }

    private static double backup(Path dir, byte[] content) throws Exception {
        Path flash = dir.resolve("backup-drive.bin");
        Files.write(flash, content);
        CliRunner.Run r = new CliRunner(dir.resolve("home-backup")).run("backup", "--device",
                "emu:asus-crw-5224a?image=" + flash, "-o", dir.resolve("backup.bin").toString(), "--json", "--quiet");
        return seconds(r);
    }

    private static double flash(Path dir, byte[] from, byte[] to, String tag) throws Exception {
        Path flash = dir.resolve("drive-" + tag + ".bin");
        Path target = dir.resolve("target-" + tag + ".bin");
        Files.write(flash, from);
        Files.write(target, to);
        CliRunner.Run r = new CliRunner(dir.resolve("home-" + tag)).run("flash", "--device",
                "emu:asus-crw-5224a?image=" + flash, target.toString(), "--yes", "--json", "--quiet");
        return seconds(r);
    }

    private static double seconds(CliRunner.Run r) {
        if (r.exitCode() != 0) {
            throw new IllegalStateException("run failed: " + r);
        }
        JsonNode s = r.json().path("simulatedSeconds");
        if (!s.isNumber()) {
            throw new IllegalStateException("no simulatedSeconds in " + r.out());
        }
        return s.asDouble();
    }
}
