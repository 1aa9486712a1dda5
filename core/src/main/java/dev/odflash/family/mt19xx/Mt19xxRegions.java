package dev.odflash.family.mt19xx;

import dev.odflash.ops.OdflashException;
import dev.odflash.ops.RegionsRead;
import dev.odflash.protocol.Progress;
import dev.odflash.protocol.download.DownloadException;
import dev.odflash.transport.TransportException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The MT19xx regions-only read, for a drive that refuses READ BUFFER over its whole flash: the regions the
 * sources themselves read (docs/protocols.md §2.2): RD's boot config at 0x3000 (0x20 bytes), FM's identity
 * page at 0x1EC000 (0x100) and FM's per-unit calibration at 0x1F0000 (0x10000). Each is read until two
 * reads agree. The config and the calibration are what every MT19xx flash writes back ({@link PerUnitData},
 * {@link Mt19xxSplice}), so they are marked kept; the identity page belongs to the firmware and changes with it.
 */
final class Mt19xxRegions {
    record Span(int offset, int length, boolean kept) {
    }

    static final List<Span> SPANS = List.of(
            new Span(Mt19xxSplice.CONFIG_OFFSET, Mt19xxSplice.CONFIG_LENGTH, true),
            new Span(Mt19xxDownload.PROBE_OFFSET, Mt19xxDownload.PROBE_LENGTH, false),
            new Span(Mt19xxSplice.CALIBRATION_OFFSET, Mt19xxSplice.CALIBRATION_LENGTH, true));

    private Mt19xxRegions() {
    }

    static RegionsRead read(Mt19xxDownload mt19xx, Progress progress)
            throws TransportException, DownloadException, OdflashException {
        List<RegionsRead.Region> out = new ArrayList<>();
        int total = SPANS.stream().mapToInt(Span::length).sum();
        int done = 0;
        int passes = 2;
        for (Span s : SPANS) {
            byte[] a = mt19xx.read(s.offset(), s.length());
            byte[] b = mt19xx.read(s.offset(), s.length());
            if (!Arrays.equals(a, b)) {
                byte[] c = mt19xx.read(s.offset(), s.length());
                if (!Arrays.equals(a, c) && !Arrays.equals(b, c)) {
                    throw OdflashException.device(String.format("three READ BUFFER reads of the region at 0x%06X"
                            + " disagree: the link or the drive is unreliable; nothing was written", s.offset()),
                            null, "READ BUFFER");
                }
                b = c;
                passes = 3;
            }
            out.add(new RegionsRead.Region(s.offset(), b, s.kept()));
            done += s.length();
            progress.bytes(Progress.Phase.READ, 1, done, total);
        }
        return new RegionsRead(out, passes, Duration.ZERO);
    }
}
