package dev.odflash.emulator.bench;

import dev.odflash.emulator.firmware.Mt1959Firmware;
import dev.odflash.family.ImageIdentifier;
import dev.odflash.image.ImageReport;
import dev.odflash.image.extract.Extraction;
import dev.odflash.image.extract.Extractor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Issue 4 §6, in-process half: identify of a 2 MiB image (a synthetic MT1959 image, the largest
 * layout, checked with its CMAC key so every check runs) and extract from a ~20 MiB EXE (a fixture
 * with an incompressible overlay appended, built by scripts/bench-files.sh and passed as
 * {@code -p exe=PATH}). JMH (docs/build-notes.md §3); prints figures and asserts nothing (benchmarks are benchmarks).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class FileBenchmark {
    private static final byte[] KEY = "odflash-benchkey".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** The EXE to extract from; scripts/bench-files.sh builds it. */
    @Param("")
    public String exe;

    private byte[] image;
    private byte[] exeBytes;

    @Setup
    public void setUp() throws IOException {
        image = Mt1959Firmware.generate("BW-16D1HT", "3.01", KEY, Optional.empty());
        exeBytes = exe.isEmpty() ? new byte[0] : Files.readAllBytes(Path.of(exe));
    }

    @Benchmark
    public ImageReport identify2MiB() {
        return ImageIdentifier.identify(image, Optional.of(KEY));
    }

    @Benchmark
    public Extraction extract20MiB() {
        return Extractor.extract(exeBytes);
    }
}
