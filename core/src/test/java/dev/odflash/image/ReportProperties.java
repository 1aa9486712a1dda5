package dev.odflash.image;

import dev.odflash.family.ImageIdentifier;
import dev.odflash.bytes.Sha256;

import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The properties every {@link ImageIdentifier#identify} result must have, whatever the bytes: shared by
 * the fuzz targets here and in the emulator module. identify declares no exception, so any throw is a
 * finding; the report must be bounded (a few dozen checks, short strings), repeatable (same bytes, same
 * report), must not touch its input, and must be internally consistent.
 */
public final class ReportProperties {
    /** Generous bounds: the largest real report has about 15 checks and 10 regions. */
    static final int MAX_ITEMS = 64;
    static final int MAX_TEXT = 1024;

    private ReportProperties() {
    }

    public static ImageReport check(byte[] image, Optional<byte[]> key) {
        byte[] before = image.clone();
        ImageReport report = ImageIdentifier.identify(image, key);
        assertThat(image).as("identify must not modify its input").isEqualTo(before);
        assertThat(ImageIdentifier.identify(image.clone(), key.map(byte[]::clone)))
                .as("same bytes, same report").isEqualTo(report);
        assertThat(report.size()).isEqualTo(image.length);
        assertThat(report.checks()).hasSizeLessThanOrEqualTo(MAX_ITEMS);
        assertThat(report.warnings()).hasSizeLessThanOrEqualTo(MAX_ITEMS);
        assertThat(report.regions()).hasSizeLessThanOrEqualTo(MAX_ITEMS);
        report.checks().forEach(c -> assertThat(c.name().length() + c.detail().length()).isLessThanOrEqualTo(MAX_TEXT));
        report.warnings().forEach(w -> assertThat(w.length()).isLessThanOrEqualTo(MAX_TEXT));
        report.regions().forEach(r -> assertThat(r.offset() >= 0 && r.length() >= 0 && r.offset() + r.length() <= image.length)
                .as("region %s inside the image", r).isTrue());
        report.identity().ifPresent(i -> assertThat(i.templateOffset()).isBetween(0L, (long) image.length));
        assertThat(report.bootRegionSize()).isBetween(0L, (long) Math.max(image.length, 0x10000));
        assertThat(report.sha256()).isEqualTo(Sha256.hex(image));
        if (report.flashable()) {
            assertThat(report.layout()).isPresent();
        }
        if (report.layout().isEmpty()) {
            assertThat(report.failures()).as("an unrecognised image says why").isNotEmpty();
        }
        return report;
    }

    /** A key of exactly 16 bytes (the CLI accepts no other), padded or cut from whatever the fuzzer gave. */
    public static byte[] key16(byte[] raw) {
        return Arrays.copyOf(raw, 16);
    }
}
