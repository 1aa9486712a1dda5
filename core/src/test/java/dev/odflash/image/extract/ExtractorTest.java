package dev.odflash.image.extract;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ExtractorTest {
    /** A stand-in image: 128 KiB, 0x02 at both banks, an INQUIRY template after 0x4000. */
    static byte[] image() {
        byte[] b = new byte[0x20000];
        Arrays.fill(b, (byte) 0x11);
        b[0] = 0x02;
        b[0x10000] = 0x02;
        byte[] t = {0x05, (byte) 0x80, 0x00, 0x32, 0x5B, 0, 0, 0};
        System.arraycopy(t, 0, b, 0x4100, 8);
        byte[] s = "ASUS    CRW-5224A       1.10".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, b, 0x4108, s.length);
        Arrays.fill(b, 0x4108 + s.length, 0x4108 + s.length + 16, (byte) ' ');
        return b;
    }

    static byte[] withOverlay(byte[] overlay) {
        byte[] pe = PeFileTest.header(1, 0x400);
        byte[] out = Arrays.copyOf(pe, pe.length + overlay.length);
        System.arraycopy(overlay, 0, out, pe.length, overlay.length);
        return out;
    }

    static byte[] zip(String name, byte[] data) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bos)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(data);
            z.closeEntry();
        }
        return bos.toByteArray();
    }

    @Test
    void xflashRawMethodIsExtracted() {
        String table = "HOW_MANY_BIN=1\0BIN_START1=0000000016\0BIN_SIZE1=0000131072\0NEW_FW1=LTR52246S\0";
        byte[] t = table.getBytes(StandardCharsets.US_ASCII);
        byte[] overlay = new byte[t.length + 16 + 0x20000];
        System.arraycopy(t, 0, overlay, 0, t.length);
        System.arraycopy(image(), 0, overlay, t.length + 16, 0x20000);
        Extraction x = Extractor.extract(withOverlay(overlay));
        assertThat(x.flashable()).anyMatch(c -> c.origin().contains("XFlash image 1 LTR52246S"));
        assertThat(x.flashable().getFirst().image()).isEqualTo(image());
    }

    @Test
    void nestedZipsAreBoundedInDepth() throws Exception {
        byte[] inner = zip("fw.bin", image());
        for (int i = 0; i < 6; i++) {
            inner = zip("level" + i + ".zip", inner);
        }
        Extraction x = Extractor.extract(withOverlay(inner));
        assertThat(x.flashable()).isEmpty();
        assertThat(x.notes()).anyMatch(n -> n.contains("nested deeper"));
    }

    @Test
    void zipBombIsCut() throws Exception {
        byte[] bomb = zip("big.bin", new byte[40 << 20]);
        Extraction x = Extractor.extract(withOverlay(bomb));
        assertThat(x.notes()).anyMatch(n -> n.contains("larger than any firmware"));
    }

    /** Fuzz finding: 70 tiny HEX entries, 2 MiB each once decoded (not a fuzz seed: instrumented, it runs 36 s). */
    @Test
    void candidatesFromAmplifyingHexAreCapped() throws Exception {
        byte[] file;
        try (var in = getClass().getResourceAsStream("hex-amplification-zip")) {
            file = in.readAllBytes();
        }
        Extraction x = Extractor.extract(file);
        assertThat(x.notes()).anyMatch(n -> n.contains("more candidates than odflash keeps"));
        assertThat(x.candidates().stream().mapToLong(c -> c.image().length).sum()).isLessThanOrEqualTo(Extractor.MAX_CANDIDATE_BYTES);
    }

    /** A few bytes of HEX that address 16 MiB are not scored as a candidate (no layout is over 2 MiB). */
    @Test
    void hexLargerThanAnyFirmwareIsSkipped() throws Exception {
        String hex = ":0200000400FFFB\n:01FF000002FE\n:00000001FF\n";
        Extraction x = Extractor.extract(withOverlay(zip("fw.hex", hex.getBytes(StandardCharsets.US_ASCII))));
        assertThat(x.candidates()).isEmpty();
        assertThat(x.notes()).anyMatch(n -> n.contains("16384 KiB, larger than any firmware; skipped"));
    }
}
