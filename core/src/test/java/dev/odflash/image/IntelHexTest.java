package dev.odflash.image;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntelHexTest {
    @Test
    void bankRecordsAdvanceAndGapsAreFF() throws Exception {
        IntelHex.Result r = IntelHex.parse((":0100000002FD\n:00000155AA\n:0100100011DE\n:00000001FF\n").getBytes());
        assertThat(r.dialect()).isEqualTo(IntelHex.Dialect.MTK_BANKED);
        assertThat(r.image()).hasSize(0x20000);
        assertThat(r.image()[0]).isEqualTo((byte) 0x02);
        assertThat(r.image()[0x10010]).isEqualTo((byte) 0x11);
        assertThat(r.image()[1]).isEqualTo((byte) 0xFF);
    }

    @Test
    void plainHexWithLinearAddressesIsPadded() throws Exception {
        IntelHex.Result r = IntelHex.parse((":020000040001F9\n:0100000002FD\n:00000001FF\n").getBytes());
        assertThat(r.dialect()).isEqualTo(IntelHex.Dialect.PLAIN);
        assertThat(r.image()).hasSize(0x20000);
        assertThat(r.image()[0x10000]).isEqualTo((byte) 0x02);
        assertThat(r.warnings()).anyMatch(w -> w.contains("filled with 0xFF"));
    }

    @Test
    void errorsNameTheLine() {
        assertThatThrownBy(() -> IntelHex.parse(":0100000002FD\n:0100000003FC\n:00000001FF\n".getBytes()))
                .hasMessageContaining("line 2").hasMessageContaining("overlaps");
        assertThatThrownBy(() -> IntelHex.parse(":0100000002FD\n:00000001FF\n:0100000002FD\n".getBytes()))
                .hasMessageContaining("line 3").hasMessageContaining("after the end record");
        assertThatThrownBy(() -> IntelHex.parse(":01000000ZZFD\n".getBytes())).hasMessageContaining("hex digit");
        assertThatThrownBy(() -> IntelHex.parse(":0500000002FD\n".getBytes())).hasMessageContaining("byte count");
        assertThatThrownBy(() -> IntelHex.parse(":02000004FFFFFC\n:0100000002FD\n:00000001FF\n".getBytes()))
                .hasMessageContaining("past 16 MiB");
    }
}
