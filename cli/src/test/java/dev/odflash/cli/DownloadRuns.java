package dev.odflash.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.odflash.emulator.EmulatorProfiles;
import dev.odflash.emulator.download.DownloadFirmware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** What the download-family CLI tests share: a synthetic image file, and a run that must send no download. */
final class DownloadRuns {
    private DownloadRuns() {
    }

    /** The synthetic image of {@code version} for {@code profile}, written into {@code dir}. */
    static Path image(Path dir, String profile, String version) throws IOException {
        Path f = dir.resolve(profile + "-" + version + ".bin");
        Files.write(f, DownloadFirmware.image(EmulatorProfiles.byName(profile).orElseThrow(), version));
        return f;
    }

    /** The run is refused (exit 4) and its trace holds no WRITE BUFFER (3B) and no FF 00 01. */
    static CliRunner.Run refusedWithoutDownload(Path home, Path dir, String... args) throws IOException {
        Path trace = dir.resolve("t" + System.nanoTime() + ".jsonl");
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--trace";
        all[args.length + 1] = trace.toString();
        CliRunner.Run r = new CliRunner(home).run(all);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(GoldenTraceTest.downloadCommands(trace)).noneMatch(c -> c.startsWith("3b") || c.startsWith("ff"));
        return r;
    }
}
