package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.odflash.emulator.firmware.Mtk8051Firmware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One image pair flashed twice on libflashrom's dummy programmer (an SST25VF040, 512 KiB): by odflash through the
 * library, and by the {@code flashrom -w} CLI. Erases are counted from each one's libflashrom log at debug level
 * (odflash's through {@code -Dodflash.libflashrom.log}, the CLI's {@code -V}): flashrom marks every erase block it
 * visits "S" (skipped), "E" (erased) and/or "W" (written) (flashrom 1.3 flashrom.c, erase_and_write_block_helper).
 */
final class FlashromComparison {
    static final int SIZE = 512 * 1024;
    private static final Pattern BLOCK = Pattern.compile("0x[0-9a-f]+-0x[0-9a-f]+:([SEW]+)");
    private static final String EMULATE = "emulate=SST25VF040.REMS";

    record Pair(String name, byte[] current, byte[] target) {
    }

    record Result(String name, int odflashErases, int reportedErases, int flashromErases, int planErases, double odflashSeconds,
                  double flashromSeconds, double predictedSeconds, double lowerBoundSeconds, boolean odflashExact,
                  boolean flashromExact) {
    }

    private FlashromComparison() {
    }

    static byte[] image(String version) {
        return Mtk8051Firmware.generate("ASUS", "CRW-5224A", version, SIZE);
    }

    /** The planner benchmark's version pairs, then seeded pairs with scattered small edits. */
    static List<Pair> pairs(int randomPairs) {
        List<Pair> out = new ArrayList<>();
        List<String> v = Mtk8051Firmware.VERSIONS;
        for (int i = 0; i + 1 < v.size(); i++) {
            out.add(new Pair(v.get(i) + "->" + v.get(i + 1), image(v.get(i)), image(v.get(i + 1))));
        }
        out.add(new Pair("1.35->1.35", image("1.35"), image("1.35")));
        for (int seed = 1; seed <= randomPairs; seed++) {
            Random r = new Random(seed);
            byte[] current = image(v.get(r.nextInt(v.size())));
            byte[] target = current.clone();
            int edits = 1 + r.nextInt(12);
            for (int e = 0; e < edits; e++) {
                // outside the 16 KiB boot region and the identity after it, and off the bank bytes at each 64 KiB
                int at = 0x10000 + r.nextInt(SIZE - 0x10000 - 64);
                if (at % 0x10000 < 16) {
                    at += 16;
                }
                int len = 1 + r.nextInt(32);
                for (int i = 0; i < len; i++) {
                    target[at + i] = (byte) r.nextInt(256);
                }
            }
            out.add(new Pair("random-" + seed + " (" + edits + " edits)", current, target));
        }
        return out;
    }

    static Result run(Path work, Pair pair) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(work, "pair");
        Path target = dir.resolve("target.bin");
        Files.write(target, pair.target());
        // odflash
        Path chip = dir.resolve("odflash-chip.bin");
        Files.write(chip, pair.current());
        Path log = dir.resolve("libflashrom.log");
        Path home = Files.createDirectories(dir.resolve("home"));
        CliRunner.Run run = new ChildCli(home).withJvmOption("-Dodflash.libflashrom.log=" + log)
                .run("flash", "--device", "flashrom:dummy:" + EMULATE + ",image=" + chip, "--chip", "SST25VF040",
                        target.toString(), "--yes", "--allow-reinstall", "--json");
        if (run.exitCode() != 0) {
            throw new AssertionError(pair.name() + ": odflash flash failed: " + run);
        }
        JsonNode j = run.json();
        int odflash = erases(Files.readString(log));
        boolean odflashExact = java.util.Arrays.equals(Files.readAllBytes(chip), pair.target());
        // flashrom CLI on an identical chip
        Path chip2 = dir.resolve("flashrom-chip.bin");
        Files.write(chip2, pair.current());
        long start = System.nanoTime();
        Process p = new ProcessBuilder("flashrom", "-p", "dummy:" + EMULATE + ",image=" + chip2, "-c", "SST25VF040",
                "-w", target.toString(), "-V").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(pair.name() + ": flashrom -w failed:\n" + out);
        }
        double flashromSeconds = (System.nanoTime() - start) / 1e9;
        int flashrom = erases(out);
        boolean flashromExact = java.util.Arrays.equals(Files.readAllBytes(chip2), pair.target());
        return new Result(pair.name(), odflash, j.path("erasedBlocks").asInt(), flashrom, j.path("plan").path("erases").asInt(),
                j.path("wallSeconds").asDouble(), flashromSeconds, j.path("plan").path("predictedSeconds").asDouble(),
                j.path("plan").path("lowerBoundSeconds").asDouble(), odflashExact, flashromExact);
    }

    /** Erase blocks marked E in a libflashrom debug log. */
    static int erases(String log) {
        int n = 0;
        Matcher m = BLOCK.matcher(log);
        while (m.find()) {
            n += (int) m.group(1).chars().filter(c -> c == 'E').count();
        }
        return n;
    }

    static boolean flashromCliPresent() {
        try {
            Process p = new ProcessBuilder("flashrom", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
