package dev.odflash.gui.model;

import dev.odflash.emulator.firmware.Mtk8051Firmware;
import dev.odflash.ops.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The Firmware file screen's model without a display: .bin, .hex, an updater's candidates, and compare. */
class FileModelTest {
    @TempDir
    Path dir;

    private FileModel model() {
        return new FileModel(Threads.inline(), new OperationLog(Clock.systemUTC(), Optional.of(dir.resolve("logs"))));
    }

    private static byte[] firmware(String version) {
        return Mtk8051Firmware.generate("ASUS", "CRW-5224A", version, 0x80000);
    }

    private static String row(FileModel f, String name) {
        return f.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().value();
    }

    @Test
    void aBinIsIdentifiedByTheChecksFlashApplies() throws Exception {
        Path bin = Files.write(dir.resolve("fw.bin"), firmware("1.20"));
        FileModel f = model();
        f.open(bin);
        assertThat(f.outcome()).isEmpty();
        assertThat(row(f, "Model")).isEqualTo("ASUS CRW-5224A");
        assertThat(row(f, "Version")).isEqualTo("1.20");
        assertThat(row(f, "Integrity")).isEqualTo("every structure check passed");
        assertThat(row(f, "Form")).isEqualTo("binary");
        assertThat(f.candidates()).isEmpty();
    }

    @Test
    void anIntelHexFileIsDecodedToTheSameImage() throws Exception {
        byte[] image = firmware("1.20");
        Path hex = Files.writeString(dir.resolve("fw.hex"), intelHex(image));
        FileModel f = model();
        f.open(hex);
        assertThat(row(f, "Form")).isEqualTo("Intel-HEX");
        assertThat(row(f, "Version")).isEqualTo("1.20");
        assertThat(f.image()).get().isEqualTo(image);
    }

    @Test
    void anUpdaterListsItsCandidatesScoredAndThePickedOneIsShown() throws Exception {
        Path exe = Files.write(dir.resolve("update.exe"), updater(firmware("1.35")));
        FileModel f = model();
        f.open(exe);
        assertThat(f.outcome()).isEmpty();
        assertThat(f.candidates()).isNotEmpty();
        assertThat(f.candidates().getFirst().origin()).contains("overlay");
        assertThat(f.candidates().getFirst().why()).contains("valid");
        assertThat(f.picked()).isZero();
        assertThat(row(f, "Form")).startsWith("Windows updater");
        assertThat(row(f, "Version")).isEqualTo("1.35");
        assertThat(f.image()).get().isEqualTo(firmware("1.35"));
    }

    @Test
    void anUpdaterWithoutAnImageSaysSoAsATypedRefusal() throws Exception {
        Path exe = Files.write(dir.resolve("empty.exe"), updater(new byte[100]));
        FileModel f = model();
        f.open(exe);
        assertThat(f.candidates()).isEmpty();
        assertThat(f.outcome()).get().isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) f.outcome().get()).failure()).isInstanceOf(Failure.Refusal.class);
        assertThat(f.report()).isEmpty();
    }

    @Test
    void aMissingFileIsAFailureNotACrash() {
        FileModel f = model();
        f.open(dir.resolve("nope.bin"));
        assertThat(f.outcome()).get().isInstanceOf(Outcome.Failed.class);
        assertThat(f.rows()).isEmpty();
    }

    @Test
    void twoFilesAreComparedBankByBank() throws Exception {
        byte[] a = firmware("1.10");
        byte[] b = a.clone();
        b[0x30005] ^= 0x55; // one byte in bank 3 only
        Path fa = Files.write(dir.resolve("a.bin"), a);
        Path fb = Files.write(dir.resolve("b.bin"), b);
        FileModel f = model();
        f.open(fa);
        f.compare(fb);
        assertThat(f.comparison()).get().asString().contains("1 of 8 banks differ").contains("0x030000-0x03FFFF");
        f.compare(fa);
        assertThat(f.comparison()).get().asString().contains("identical");
    }

    @Test
    void comparingWithoutAFileOpenAsksForOneFirst() throws Exception {
        FileModel f = model();
        f.compare(Files.write(dir.resolve("a.bin"), firmware("1.10")));
        assertThat(f.comparison()).isEmpty();
        assertThat(f.outcome()).get().isInstanceOf(Outcome.Failed.class);
    }

    static byte[] updater(byte[] overlay) {
        return dev.odflash.gui.TestUpdaters.withOverlay(overlay);
    }

    /** Intel-HEX as an EPROM programmer writes it: 16 data bytes a record, an extended linear address per 64 KiB. */
    static String intelHex(byte[] image) {
        StringBuilder sb = new StringBuilder();
        for (int off = 0; off < image.length; off += 16) {
            if (off % 0x10000 == 0) {
                sb.append(record(0, 4, new byte[]{(byte) (off >>> 24), (byte) (off >>> 16)}));
            }
            sb.append(record(off & 0xFFFF, 0, Arrays.copyOfRange(image, off, Math.min(image.length, off + 16))));
        }
        return sb.append(":00000001FF\r\n").toString();
    }

    private static String record(int address, int type, byte[] data) {
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        r.write(data.length);
        r.write(address >>> 8);
        r.write(address & 0xFF);
        r.write(type);
        r.writeBytes(data);
        int sum = 0;
        StringBuilder sb = new StringBuilder(":");
        for (byte x : r.toByteArray()) {
            sum += x & 0xFF;
            sb.append(String.format("%02X", x & 0xFF));
        }
        return sb.append(String.format("%02X\r\n", (-sum) & 0xFF)).toString();
    }
}
