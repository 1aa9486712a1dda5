package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTable;
import dev.odflash.chip.ChipTimings;
import dev.odflash.chip.Eraser;
import dev.odflash.chip.WriteModel;
import dev.odflash.emulator.firmware.Mtk8051Firmware;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Benchmark of the register-level 8051-era vendor mode (issue 14 §5; run by scripts/bench-vendor-mode.sh): the
 * simulated device time odflash needs for a backup, a flash 1.10 to 1.20, and a full rewrite (every sector after the
 * boot region differs), on both register-level profiles: {@code emu:asus-crw-5224a} (SST39SF040, parallel, byte
 * program) and {@code emu:mtk8051-spi} (MX25L2005, serial through the SPI mailbox, page program). Two figures in the
 * same cost model, computed here from the register sequences of docs/protocols.md §2.6 (vendor-mode notes §3-4), not
 * from odflash's code:
 *
 * <ul>
 *   <li>the lower bound: what the safety rules require and no less (two matching reads for the backup, the erases
 *       and programs the content difference forces under the part's write model, one whole-chip verify read), one
 *       intro and outro, and every vendor command as its register accesses at 1 µs each (the emulator's inference
 *       for a port access) plus the chip's typical times. For the serial part a second bound adds the one read the
 *       safety rules make mandatory beyond those: each erased block read back (a serial part of this era has no
 *       erase-fail bit; docs/architecture.md, SpiChipChannel);</li>
 *   <li>JungleFlasher's procedure as the vendor-mode notes describe it: chip erase and 12 x 250 ms, every byte (or
 *       every page) programmed with a fixed 20 ms per 256-byte page instead of polling, every byte read twice
 *       (before and after).</li>
 * </ul>
 * Prints figures; asserts nothing (timing targets live in benchmarks, never in tests).
 */
public final class VendorModeBench {
    private static final double ACCESS_S = 1e-6;
    /** Parallel byte command: Device, LBA mid, LBA high, Device | A19..16, SN, Command, Status (read: SN after Status). */
    private static final int BYTE_COMMAND_ACCESSES = 7;
    /**
     * SPI transfer of the generic key: Device, Features, SC, SN, LBA mid, LBA high, then 0x04 and 0x05, each a Command
     * write and one Status read. The part acts on 0x05, the 9th access.
     */
    private static final int TRANSFER_ACCESSES = 10;
    private static final int TRANSFER_ACT = 9;
    /** Intro: Device, 250 ms, Device, SN, SN read, Command, 2 ms, Device, Status. */
    private static final double INTRO_S = 0.250 + 0.002 + 7 * ACCESS_S;
    /** Intro and outro: the outro is 0x81, 0x08, Status, 350 ms. */
    private static final double INTRO_OUTRO_S = INTRO_S + 0.350 + 3 * ACCESS_S;
    private static final int BOOT_REGION = 0x4000;

    private VendorModeBench() {
    }

    /** One emulated profile: its part and the identity strings its synthetic images carry. */
    private record Part(String profile, String chipName, String vendor, String product) {
        ChipSpec chip() {
            return ChipTable.builtIn().byName(chipName).orElseThrow();
        }

        boolean serial() {
            return chip().bus() == dev.odflash.chip.Bus.SPI;
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("odflash-bench-vendor");
        for (Part part : new Part[] {new Part("asus-crw-5224a", "SST39SF040", "ASUS", "CRW-5224A"),
                new Part("mtk8051-spi", "MX25L2005", "PLDS", "DG-16D2S")}) {
            bench(dir.resolve(part.profile()), part);
        }
        System.out.printf("flash rows: bound and JungleFlasher include one intro and outro (%.3f s); backup rows one"
                + " intro (%.3f s), as odflash's backup figure runs from its intro to its last read%n", INTRO_OUTRO_S, INTRO_S);
        System.out.println("bound+: the bound plus the reads a safety rule makes mandatory beyond it (serial part: every"
                + " erased block read back); \"-\" where there are none");
        System.out.println("JungleFlasher: no WEL poll after WREN counted (in its favour)");
        System.out.println("targets (issue 14 §5): ratio <= 1.05; full rewrite at least 3x faster than JungleFlasher's procedure");
    }

    private static void bench(Path dir, Part part) throws Exception {
        Files.createDirectories(dir);
        ChipSpec chip = part.chip();
        int size = (int) chip.size();
        byte[] v110 = Mtk8051Firmware.generate(part.vendor(), part.product(), "1.10", size);
        byte[] v120 = Mtk8051Firmware.generate(part.vendor(), part.product(), "1.20", size);
        byte[] scrambled = scrambled(v110);
        System.out.printf("%nregister-level vendor mode, emu:%s, %s (%d KiB, %s), simulated device time%n", part.profile(),
                chip.name(), size / 1024, part.serial() ? "serial, page program" : "parallel, byte program");
        System.out.printf("%-20s %9s %9s %7s %9s %7s %9s %9s%n", "scenario", "odflash s", "bound s", "ratio", "bound+ s",
                "ratio+", "JF s", "speed-up");
        double read = readPass(part, size);
        // odflash's backup figure runs from its intro to the end of the last read (the outro after it is not in it):
        // the bound carries the intro, JungleFlasher's figure its one read of every byte twice after the same intro
        row("backup", backup(dir, part, v110), INTRO_S + 2 * read, 0, INTRO_S + jfReadPass(part, size));
        row("flash 1.10 -> 1.20", flash(dir, part, v110, v120, "a"), INTRO_OUTRO_S + flashBound(part, v110, v120),
                mandatoryExtra(part, v110, v120), INTRO_OUTRO_S + jungleFlasher(part, size));
        row("full rewrite", flash(dir, part, scrambled, v120, "b"), INTRO_OUTRO_S + flashBound(part, scrambled, v120),
                mandatoryExtra(part, scrambled, v120), INTRO_OUTRO_S + jungleFlasher(part, size));
    }

    private static void row(String name, double odflash, double bound, double mandatory, double jf) {
        String plus = mandatory == 0 ? String.format("%9s %7s", "-", "-")
                : String.format("%9.2f %7.3f", bound + mandatory, odflash / (bound + mandatory));
        System.out.printf("%-20s %9.2f %9.2f %7.3f %s %9.2f %8.2fx%n", name, odflash, bound, odflash / bound, plus, jf,
                jf / odflash);
    }

    /** 1.10 with every byte after the boot region changed, keeping each bank's first byte and the INQUIRY template. */
    private static byte[] scrambled(byte[] image) {
        byte[] out = image.clone();
        int template = indexOf(image, new byte[] {0x05, (byte) 0x80, 0x00, 0x32});
        for (int i = BOOT_REGION; i < out.length; i++) {
            boolean keep = i % 0x10000 == 0 || (i >= template && i < template + 52);
            if (!keep) {
                out[i] = (byte) (image[i] ^ 0x5A);
            }
        }
        return out;
    }

    private static int indexOf(byte[] data, byte[] what) {
        outer:
        for (int i = BOOT_REGION; i + what.length <= data.length; i++) {
            for (int k = 0; k < what.length; k++) {
                if (data[i + k] != what[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("no INQUIRY template");
    }

    // --- the cost model: vendor commands as register accesses (docs/protocols.md §2.6.3-2.6.4) ---

    /** One SPI command through the mailbox: {@code tx} buffer writes, the transfer, {@code rx} buffer reads. */
    private static int spiAccesses(int tx, int rx) {
        return tx * BYTE_COMMAND_ACCESSES + TRANSFER_ACCESSES + rx * BYTE_COMMAND_ACCESSES;
    }

    /** One whole-chip read: byte reads on the parallel part, READ 03 in 256-byte transfers through the mailbox. */
    private static double readPass(Part part, int size) {
        double chipTime = ChipTimings.readNanos(part.chip(), size) / 1e9;
        return part.serial() ? spiRead(part, size) : size * BYTE_COMMAND_ACCESSES * ACCESS_S + chipTime;
    }

    private static double spiRead(Part part, int length) {
        return (double) length / 256 * spiAccesses(4, 256) * ACCESS_S + ChipTimings.readNanos(part.chip(), length) / 1e9;
    }

    /** JungleFlasher reads every byte twice: one of its read passes is two of ours. */
    private static double jfReadPass(Part part, int size) {
        return 2 * readPass(part, size);
    }

    /**
     * Two backup reads, one verify read, and the cheapest erases and programs the content difference forces under the
     * part's write model, the boot region never erased (safety rule 3). Each erase block is chosen independently.
     */
    private static double flashBound(Part part, byte[] from, byte[] to) {
        ChipSpec chip = part.chip();
        double t = 3 * readPass(part, from.length);
        Eraser small = chip.smallestEraser();
        int sector = small.smallestBlock();
        Eraser block = chip.erasers().stream().filter(e -> e.smallestBlock() > sector && e.smallestBlock() < from.length)
                .findFirst().orElse(small);
        int blockSize = block.smallestBlock();
        for (int at = 0; at < from.length; at += blockSize) {
            double sectors = 0;
            for (int s = at; s < at + blockSize; s += sector) {
                sectors += regionCost(part, from, to, s, sector, small);
            }
            boolean bootInside = at < BOOT_REGION;
            double whole = bootInside || block == small ? Double.MAX_VALUE : eraseAndProgram(part, to, at, blockSize, block);
            t += Math.min(sectors, whole);
        }
        return t;
    }

    /** The bound's cost of one sector: nothing, programs only, or erase and program, whichever the model allows. */
    private static double regionCost(Part part, byte[] from, byte[] to, int at, int length, Eraser eraser) {
        if (java.util.Arrays.equals(from, at, at + length, to, at, at + length)) {
            return 0;
        }
        boolean needsErase = needsErase(part.chip(), from, to, at, length);
        if (needsErase && at < BOOT_REGION) {
            throw new IllegalStateException("a scenario that changes the boot region");
        }
        if (needsErase) {
            return eraseAndProgram(part, to, at, length, eraser);
        }
        double t = 0;
        for (int u = at; u < at + length; u += unit(part.chip())) {
            if (!java.util.Arrays.equals(from, u, u + unit(part.chip()), to, u, u + unit(part.chip()))) {
                t += programUnit(part, to, u);
            }
        }
        return t;
    }

    private static double eraseAndProgram(Part part, byte[] to, int at, int length, Eraser eraser) {
        double t = erase(part, ChipTimings.eraseNanos(part.chip(), eraser) / 1e9);
        for (int u = at; u < at + length; u += unit(part.chip())) {
            t += programUnit(part, to, u);
        }
        return t;
    }

    /** The program unit: one byte on a byte part, one page on a page part. */
    private static int unit(ChipSpec chip) {
        return chip.writeModel() instanceof WriteModel.Page p ? p.size() : 1;
    }

    /** Byte model: a byte programs only from 0xFF. Page model: a page programs only when it is erased whole. */
    private static boolean needsErase(ChipSpec chip, byte[] from, byte[] to, int at, int length) {
        int unit = unit(chip);
        for (int u = at; u < at + length; u += unit) {
            if (java.util.Arrays.equals(from, u, u + unit, to, u, u + unit)) {
                continue;
            }
            for (int i = u; i < u + unit; i++) {
                if (from[i] != (byte) 0xFF) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Programming one unit of the target (nothing when it is all 0xFF: an erased unit already holds it). */
    private static double programUnit(Part part, byte[] to, int at) {
        int unit = unit(part.chip());
        int first = at;
        int last = at + unit - 1;
        while (first <= last && to[first] == (byte) 0xFF) {
            first++;
        }
        while (last >= first && to[last] == (byte) 0xFF) {
            last--;
        }
        if (first > last) {
            return 0;
        }
        double programS = part.chip().programTime().typicalNanos() / 1e9;
        if (!part.serial()) {
            return busyBound(3, programS); // AA/55/A0, then the data byte
        }
        // WREN, then PP with its address and the page's bytes from the first to the last that is not 0xFF
        return spiBusy(spiAccesses(1, 0) + (4 + last - first + 1) * BYTE_COMMAND_ACCESSES, programS);
    }

    private static double erase(Part part, double eraseS) {
        return part.serial() ? spiBusy(spiAccesses(1, 0) + 4 * BYTE_COMMAND_ACCESSES, eraseS) // WREN, then 20 + address
                : busyBound(5, eraseS); // AA/55/80/AA/55, then sector <- 30
    }

    /**
     * Parallel: {@code before} byte commands, then the one that starts a busy window (its Command write, the 6th
     * access, starts it), then the one Data# read that ends it. That read's chip sample happens at its own Command
     * write, 6 accesses after the busy window began (the write's Status, then Device, LBA mid, LBA high, Device,
     * Command), so it samples no earlier than max(busy, 6 µs), and ends 2 accesses later (Status, SN).
     */
    private static double busyBound(int before, double busyS) {
        return (before * BYTE_COMMAND_ACCESSES + 6) * ACCESS_S + Math.max(busyS, 6 * ACCESS_S) + 2 * ACCESS_S;
    }

    /**
     * Serial: {@code accessesBefore} (WREN and the command's buffer writes), then the transfer, whose 0x05 starts the
     * part's busy time; then one RDSR that sees it idle. RDSR samples at its own 0x05: the busy transfer's last
     * Status, RDSR's buffer write, its transfer up to 0x05 (1 + 7 + 9 accesses later); it ends with the Status and the
     * buffer read (8 more).
     */
    private static double spiBusy(int accessesBefore, double busyS) {
        int sampleAfter = 1 + BYTE_COMMAND_ACCESSES + TRANSFER_ACT;
        return (accessesBefore + TRANSFER_ACT) * ACCESS_S + Math.max(busyS, sampleAfter * ACCESS_S)
                + (1 + BYTE_COMMAND_ACCESSES) * ACCESS_S;
    }

    /**
     * The reads a safety rule requires beyond the bound: on a serial part each erased block is read back. Counted for
     * the blocks the bound erases (the same choice as {@link #flashBound}).
     */
    private static double mandatoryExtra(Part part, byte[] from, byte[] to) {
        if (!part.serial()) {
            return 0;
        }
        ChipSpec chip = part.chip();
        int sector = chip.smallestEraser().smallestBlock();
        int erased = 0;
        for (int at = 0; at < from.length; at += sector) {
            if (!java.util.Arrays.equals(from, at, at + sector, to, at, at + sector) && needsErase(chip, from, to, at, sector)) {
                erased += sector;
            }
        }
        return spiRead(part, erased);
    }

    /**
     * JungleFlasher's flash: read twice before and twice after, chip erase and 12 x 250 ms, then every program unit
     * with a fixed 20 ms per 256-byte page (parallel: each byte as AA/55/A0 and the data byte, no poll; serial: WREN
     * and a page program per page, no RDSR poll).
     */
    private static double jungleFlasher(Part part, int size) {
        double reads = 2 * jfReadPass(part, size);
        double fixed = 12 * 0.250 + size / 256 * 0.020;
        if (part.serial()) {
            double erase = spiAccesses(1, 0) * 2 * ACCESS_S; // WREN, chip erase
            double program = (double) size / 256 * (spiAccesses(1, 0) + spiAccesses(4 + 256, 0)) * ACCESS_S;
            return reads + erase + program + fixed;
        }
        double erase = 6 * BYTE_COMMAND_ACCESSES * ACCESS_S;
        double program = (double) size * 4 * BYTE_COMMAND_ACCESSES * ACCESS_S;
        return reads + erase + program + fixed;
    }

    // --- odflash's runs ---

    private static double backup(Path dir, Part part, byte[] content) throws Exception {
        Path flash = dir.resolve("backup-drive.bin");
        Files.write(flash, content);
        CliRunner.Run r = new CliRunner(dir.resolve("home-backup")).run("backup", "--device",
                "emu:" + part.profile() + "?image=" + flash, "-o", dir.resolve("backup.bin").toString(), "--json", "--quiet");
        return seconds(r);
    }

    private static double flash(Path dir, Part part, byte[] from, byte[] to, String tag) throws Exception {
        Path flash = dir.resolve("drive-" + tag + ".bin");
        Path target = dir.resolve("target-" + tag + ".bin");
        Files.write(flash, from);
        Files.write(target, to);
        CliRunner.Run r = new CliRunner(dir.resolve("home-" + tag)).run("flash", "--device",
                "emu:" + part.profile() + "?image=" + flash, target.toString(), "--yes", "--json", "--quiet");
        if (!java.util.Arrays.equals(Files.readAllBytes(flash), to)) {
            throw new IllegalStateException("the emulated flash does not hold the target after the run: " + r);
        }
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
