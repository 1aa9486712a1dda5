package dev.odflash.image.extract;

import dev.odflash.image.ImageFormatException;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Malformed PE input ends in a message, never an exception escaping or a hang. */
class PeFileTest {
    /** A minimal PE32 header: MZ, e_lfanew 0x40, PE, 1 section, a 0xE0-byte optional header. */
    static byte[] header(int sections, int size) {
        byte[] b = new byte[size];
        b[0] = 'M';
        b[1] = 'Z';
        b[0x3C] = 0x40;
        b[0x40] = 'P';
        b[0x41] = 'E';
        b[0x46] = (byte) sections;
        b[0x47] = (byte) (sections >> 8);
        b[0x54] = (byte) 0xE0;
        b[0x58] = 0x0B;
        b[0x59] = 0x01;
        return b;
    }

    @Test
    void rejectsWhatIsNotAPe() {
        assertThatThrownBy(() -> PeFile.parse(new byte[10])).isInstanceOf(ImageFormatException.class).hasMessageContaining("MZ");
        assertThatThrownBy(() -> PeFile.parse(new byte[]{'M', 'Z'})).hasMessageContaining("truncated");
        byte[] far = header(1, 0x200);
        far[0x3F] = 0x70;
        assertThatThrownBy(() -> PeFile.parse(far)).hasMessageContaining("outside");
        assertThatThrownBy(() -> PeFile.parse(header(0xFFFF, 0x400))).hasMessageContaining("sections");
        assertThatThrownBy(() -> PeFile.parse(header(40, 0x400))).hasMessageContaining("section table");
    }

    @Test
    void sectionPastTheEndIsCutAndTheRestIsOverlay() throws Exception {
        byte[] b = header(1, 0x1000);
        int s = 0x40 + 24 + 0xE0;
        b[s + 16 + 1] = 0x70; // raw size 0x7000
        b[s + 20 + 1] = 0x02; // raw offset 0x200
        PeFile pe = PeFile.parse(b);
        assertThat(pe.notes()).anyMatch(n -> n.contains("past the end"));
        assertThat(pe.overlaySize()).isZero();
    }

    @Test
    void randomBytesAfterAnMzNeverEscape() {
        Random rng = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] b = header(1 + rng.nextInt(4), 0x200 + rng.nextInt(0x2000));
            for (int j = 0x60; j < b.length; j++) {
                if (rng.nextInt(3) == 0) {
                    b[j] = (byte) rng.nextInt(256);
                }
            }
            Extraction x = Extractor.extract(b);
            assertThat(x).isNotNull();
        }
    }
}
