package dev.odflash.emulator.download;

import dev.odflash.transport.Device;
import dev.odflash.transport.ScsiResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.odflash.emulator.download.Wire.cdb;

/** The {@code FF 00 01} download as docs/protocols.md §2.1 gives it (RD CDB12_FlashTSST, CM), by hand. */
final class TsstWire {
    private TsstWire() {
    }

    /** {@code FF 00 01 00 00 <state> 00 00 00 00 00 00}. */
    static byte[] flash(int state) {
        return cdb(0xFF, 0x00, 0x01, 0x00, 0x00, state, 0, 0, 0, 0, 0, 0);
    }

    /**
     * Sends {@code data} in {@code block}-sized pieces: state 00 first, FF after, {@code end} on the
     * last one (which may be shorter). Returns every result, in order.
     */
    static List<ScsiResult> download(Device d, byte[] data, int block, int end) throws Exception {
        List<ScsiResult> results = new ArrayList<>();
        for (int at = 0; at < data.length; at += block) {
            int len = Math.min(block, data.length - at);
            boolean last = at + len == data.length;
            int state = last ? end : at == 0 ? 0x00 : 0xFF;
            results.add(Wire.out(d, flash(state), Arrays.copyOfRange(data, at, at + len)));
        }
        return results;
    }

    /** MT1939 (CM): 33 blocks of 0xF800 then a last 0x800 block. */
    static List<ScsiResult> downloadMt1939(Device d, byte[] image) throws Exception {
        List<ScsiResult> results = new ArrayList<>();
        for (int i = 0; i < 33; i++) {
            results.add(Wire.out(d, flash(i == 0 ? 0x00 : 0xFF), Arrays.copyOfRange(image, i * 0xF800, (i + 1) * 0xF800)));
        }
        results.add(Wire.out(d, flash(0x02), Arrays.copyOfRange(image, 33 * 0xF800, 0x200000)));
        return results;
    }
}
