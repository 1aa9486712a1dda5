package dev.odflash.input;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class BoundedInputTest {
    @TempDir
    Path dir;

    private Path mkfifo(String name) throws Exception {
        Path f = dir.resolve(name);
        Process p = new ProcessBuilder("mkfifo", f.toString()).inheritIO().start();
        assertThat(p.waitFor()).as("mkfifo (coreutils)").isZero();
        return f;
    }

    @Test
    void readsARegularFileAndRefusesOneByteOverTheBound() throws Exception {
        Path f = Files.write(dir.resolve("f"), new byte[100]);
        assertThat(BoundedInput.read(f, 100, "test")).hasSize(100);
        assertThatThrownBy(() -> BoundedInput.read(f, 99, "test")).isInstanceOf(InputFileException.class)
                .satisfies(e -> assertThat(((InputFileException) e).reason()).isEqualTo(InputFileException.Reason.TOO_LARGE));
        assertThat(BoundedInput.read(Files.write(dir.resolve("empty"), new byte[0]), 10, "test")).isEmpty();
    }

    @Test
    void aFifoADeviceADirectoryAndAMissingFileAreRefusedUnopened() throws Exception {
        Path fifo = mkfifo("fifo");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertReason(fifo, InputFileException.Reason.NOT_REGULAR);
            assertReason(Path.of("/dev/zero"), InputFileException.Reason.NOT_REGULAR);
            assertReason(dir, InputFileException.Reason.NOT_REGULAR);
            assertReason(dir.resolve("none"), InputFileException.Reason.MISSING);
        });
    }

    private static void assertReason(Path p, InputFileException.Reason reason) {
        assertThatThrownBy(() -> BoundedInput.read(p, 1 << 20, "test")).isInstanceOf(InputFileException.class)
                .satisfies(e -> assertThat(((InputFileException) e).reason()).isEqualTo(reason));
        assertThatThrownBy(() -> BoundedInput.lines(p, 1 << 20, 1 << 10, "test", (n, l) -> { }))
                .isInstanceOf(InputFileException.class)
                .satisfies(e -> assertThat(((InputFileException) e).reason()).isEqualTo(reason));
    }

    /**
     * The race the type check alone cannot close: the path is swapped between a regular file and a FIFO while it is
     * read, again and again. Every read must end (with the file's bytes or a refusal), never block on the FIFO.
     */
    @Test
    void aFileSwappedForAFifoWhileItIsOpenedNeverHangs() throws Exception {
        Path target = dir.resolve("target");
        byte[] content = "regular".getBytes(StandardCharsets.US_ASCII);
        Files.write(target, content);
        AtomicBoolean stop = new AtomicBoolean();
        Thread swapper = new Thread(() -> {
            int i = 0;
            try {
                while (!stop.get()) {
                    Path next = dir.resolve("next" + i++);
                    if (i % 2 == 0) {
                        Files.write(next, content);
                    } else {
                        Process p = new ProcessBuilder("mkfifo", next.toString()).start();
                        p.waitFor();
                    }
                    Files.move(next, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        swapper.setDaemon(true);
        swapper.start();
        List<InputFileException.Reason> refusals = new ArrayList<>();
        int read = 0;
        try {
            for (int n = 0; n < 300; n++) {
                try {
                    byte[] got = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> BoundedInput.read(target, 64, "test"));
                    assertThat(got).isEqualTo(content);
                    read++;
                } catch (Exception e) { // assertTimeoutPreemptively rethrows the supplier's exception undeclared
                    if (!(e instanceof InputFileException ie)) {
                        throw e;
                    }
                    refusals.add(ie.reason());
                }
            }
        } finally {
            stop.set(true);
            swapper.join(10_000);
        }
        assertThat(read + refusals.size()).isEqualTo(300);
        assertThat(refusals).doesNotContain(InputFileException.Reason.TOO_LARGE, InputFileException.Reason.UNREADABLE);
    }

    @Test
    void linesAreStreamedNumberedAndBoundedPerLineAndInAll() throws Exception {
        Path f = Files.writeString(dir.resolve("t"), "a\r\nbb\n\nccc");
        List<String> seen = new ArrayList<>();
        BoundedInput.lines(f, 100, 10, "test", (n, l) -> seen.add(n + ":" + l));
        assertThat(seen).containsExactly("1:a", "2:bb", "3:", "4:ccc");

        Path longLine = Files.writeString(dir.resolve("long"), "ok\n" + "x".repeat(11) + "\n");
        assertThatThrownBy(() -> BoundedInput.lines(longLine, 100, 10, "test", (n, l) -> { }))
                .isInstanceOf(InputFileException.class).hasMessageContaining("line 2 is longer than 10 bytes");
        assertThatThrownBy(() -> BoundedInput.lines(f, 5, 10, "test", (n, l) -> { }))
                .isInstanceOf(InputFileException.class)
                .satisfies(e -> assertThat(((InputFileException) e).reason()).isEqualTo(InputFileException.Reason.TOO_LARGE));
    }
}
