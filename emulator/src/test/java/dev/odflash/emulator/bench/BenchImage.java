package dev.odflash.emulator.bench;

import dev.odflash.emulator.firmware.Mt1959Firmware;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Writes FileBenchmark's 2 MiB MT1959 image to a file, for the CLI half of scripts/bench-files.sh. */
public final class BenchImage {
    private BenchImage() {
    }

    public static void main(String[] args) throws Exception {
        Files.write(Path.of(args[0]), Mt1959Firmware.generate("BW-16D1HT", "3.01",
                "odflash-benchkey".getBytes(java.nio.charset.StandardCharsets.US_ASCII), Optional.empty()));
    }
}
