package dev.odflash.nativeio.flashrom;

import dev.odflash.transport.ExternalProgrammer;
import dev.odflash.transport.TransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * libflashrom 1.3's dummy programmer through the FFM session and the chip channel. One session per process
 * (libflashrom keeps the first programmer's state), so this module has exactly one test that opens one; the
 * other chips and faults are exercised through the CLI, one child process per run (cli ExternalProgrammerTest).
 */
class FlashromSessionTest {
    private static final int SIZE = 512 * 1024; // SST25VF040: 512 KiB (flashrom's flashchips.c)

    @TempDir
    Path dir;

    @Test
    void oneSessionOnTheDummyProbesReadsWritesAtShutdownAndRefusesASecond() throws Exception {
        LibflashromPresent.require();
        byte[] before = new byte[SIZE];
        new Random(1).nextBytes(before);
        Path file = dir.resolve("chip.bin");
        Files.write(file, before);
        byte[] target = before.clone();
        for (int i = 0x21000; i < 0x22000; i++) {
            target[i] = (byte) ~target[i];
        }
        target[0x7FFFF] = (byte) 0x5A;
        List<String> lines = new ArrayList<>();
        try (FlashromSession s = FlashromSession.open("dummy", "emulate=SST25VF040.REMS,image=" + file)) {
            s.observe(FlashromLog.INFO, lines::add);
            // both definitions answer the REMS probe (flashrom's flashchips.c): the candidates are named
            assertThatThrownBy(() -> s.probe(Optional.empty())).isInstanceOf(ExternalProgrammer.Ambiguous.class)
                    .satisfies(e -> assertThat(((ExternalProgrammer.Ambiguous) e).candidates())
                            .containsExactlyInAnyOrder("SST25VF040", "SST25LF040A"));
            assertThat(s.probe(Optional.of("SST25VF040")).size()).isEqualTo(SIZE);
            assertThatThrownBy(() -> FlashromSession.open("dummy", "emulate=MX25L6436"))
                    .isInstanceOf(TransportException.class).hasMessageContaining("already opened");

            FlashromChipChannel channel = new FlashromChipChannel(s);
            byte[] read = new byte[SIZE];
            channel.read(0, read, 0, SIZE);
            assertThat(read).isEqualTo(before);
            for (long block : new long[]{0x21000, 0x7F000}) {
                channel.erase(block, 4096);
                for (int at = 0; at < 4096; at += 256) {
                    channel.program(block + at, target, (int) block + at, 256);
                }
            }
            channel.read(0, read, 0, SIZE); // the read-back sends the step
            assertThat(read).isEqualTo(target);
            assertThat(Files.readAllBytes(file)).isEqualTo(before); // the dummy writes its file at shutdown only
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(target);
        assertThat(lines).anyMatch(l -> l.matches("Found .*flash chip \"SST25VF040\" \\(512 kB, SPI\\).*"));
        assertThat(lines).noneMatch(l -> l.contains("\n") || l.contains("%"));
        assertThatThrownBy(() -> FlashromSession.open("dummy", "emulate=MX25L6436"))
                .isInstanceOf(TransportException.class).hasMessageContaining("already opened");
    }
}
