package dev.odflash.nativeio.port;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DevPort's pread/pwrite at offset = port, against a regular file standing in for /dev/port. */
class DevPortTest {
    @Test
    void oneByteAtTheOffsetOfThePortAndOnlyTheChannelsTaskFilePorts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("port");
        Files.write(file, new byte[0x400]);
        try (DevPort p = DevPort.open(file.toString(), 0x170, 0x376)) {
            p.out(0x173, 0x2A);
            p.out(0x376, 0x02);
            assertThat(p.in(0x173)).isEqualTo(0x2A);
            byte[] now = Files.readAllBytes(file);
            assertThat(now[0x173]).isEqualTo((byte) 0x2A);
            assertThat(now[0x376]).isEqualTo((byte) 0x02);
            assertThat(now[0x172]).isZero();
            assertThatThrownBy(() -> p.in(0x170)).hasMessageContaining("not a task-file register"); // the data port
            assertThatThrownBy(() -> p.out(0x1F7, 0x08)).hasMessageContaining("not a task-file register");
        }
    }

    @Test
    void aMissingDevPortIsAnOsErrorNamingIt(@TempDir Path dir) {
        assertThatThrownBy(() -> DevPort.open(dir.resolve("none").toString(), 0x170, 0x376))
                .hasMessageContaining("cannot open (ENOENT)");
    }
}
