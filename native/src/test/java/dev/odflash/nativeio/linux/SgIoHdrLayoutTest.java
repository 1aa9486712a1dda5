package dev.odflash.nativeio.linux;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** sg_io_hdr against gcc's sizeof/offsetof on 64-bit Linux (docs/build-notes.md §2: 88 bytes, usr_ptr 56, info 80). */
class SgIoHdrLayoutTest {
    @Test
    void sizeIs88Bytes() {
        assertThat(SgIoHdr.LAYOUT.byteSize()).isEqualTo(88);
        assertThat(SgIoHdr.LAYOUT.byteAlignment()).isEqualTo(8);
    }

    @Test
    void everyOffsetMatchesScsiSgH() {
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("interface_id", 0L);
        expected.put("dxfer_direction", 4L);
        expected.put("cmd_len", 8L);
        expected.put("mx_sb_len", 9L);
        expected.put("iovec_count", 10L);
        expected.put("dxfer_len", 12L);
        expected.put("dxferp", 16L);
        expected.put("cmdp", 24L);
        expected.put("sbp", 32L);
        expected.put("timeout", 40L);
        expected.put("flags", 44L);
        expected.put("pack_id", 48L);
        expected.put("usr_ptr", 56L);
        expected.put("status", 64L);
        expected.put("masked_status", 65L);
        expected.put("msg_status", 66L);
        expected.put("sb_len_wr", 67L);
        expected.put("host_status", 68L);
        expected.put("driver_status", 70L);
        expected.put("resid", 72L);
        expected.put("duration", 76L);
        expected.put("info", 80L);
        expected.forEach((name, offset) -> assertThat(SgIoHdr.offsetOf(name)).as(name).isEqualTo(offset));
    }

    @Test
    void constantsFromSgH() {
        assertThat(SgIoHdr.SG_IO).isEqualTo(0x2285);
        assertThat(SgIoHdr.INTERFACE_ID).isEqualTo('S');
        assertThat(SgIoHdr.SG_DXFER_NONE).isEqualTo(-1);
        assertThat(SgIoHdr.SG_DXFER_TO_DEV).isEqualTo(-2);
        assertThat(SgIoHdr.SG_DXFER_FROM_DEV).isEqualTo(-3);
        assertThat(SgTransport.SG_GET_VERSION_NUM).isEqualTo(0x2282);
        assertThat(SgTransport.SG_SET_RESERVED_SIZE).isEqualTo(0x2275);
    }

    @Test
    void openFlagsFromFcntlH() {
        assertThat(LinuxIo.O_RDWR).isEqualTo(2);
        assertThat(LinuxIo.O_EXCL).isEqualTo(0x80);
        assertThat(LinuxIo.O_NONBLOCK).isEqualTo(0x800);
        assertThat(LinuxIo.O_CLOEXEC).isEqualTo(0x80000);
    }
}
