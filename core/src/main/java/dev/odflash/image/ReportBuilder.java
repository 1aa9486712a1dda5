package dev.odflash.image;

import dev.odflash.bytes.Sha256;
import dev.odflash.drive.ImageLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects what one recogniser finds and makes the {@link ImageReport}. */
final class ReportBuilder {
    final List<ImageCheck> checks = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final List<ImageRegion> regions = new ArrayList<>();
    Optional<ImageIdentity> identity = Optional.empty();
    boolean perUnit;

    ReportBuilder pass(String name, String detail) {
        checks.add(ImageCheck.pass(name, detail));
        return this;
    }

    ReportBuilder fail(String name, String detail) {
        checks.add(ImageCheck.fail(name, detail));
        return this;
    }

    boolean check(boolean ok, String name, String passDetail, String failDetail) {
        checks.add(ok ? ImageCheck.pass(name, passDetail) : ImageCheck.fail(name, failDetail));
        return ok;
    }

    ReportBuilder warn(String warning) {
        warnings.add(warning);
        return this;
    }

    ReportBuilder region(ImageRegion region) {
        regions.add(region);
        return this;
    }

    /**
     * The report; its SHA-256 only when recognised. {@link ImageIdentifier} tries six recognisers and
     * fills in the hash of the one report it returns, so an image is hashed once, not six times (a
     * 16 MiB HEX-decoded blob meant six SHA-256 passes over 16 MiB; ExtractorFuzzTest's slow-unit finding).
     */
    ImageReport build(boolean recognised, ImageLayout layout, byte[] image, int banks, long bootRegion) {
        return new ImageReport(recognised ? Optional.of(layout) : Optional.empty(), image.length, banks, identity,
                bootRegion, checks, warnings, recognised ? Sha256.hex(image) : "", regions, perUnit);
    }

    static String sizeText(long size) {
        return size % 1024 == 0 ? String.format("%d bytes (%d KiB)", size, size / 1024) : size + " bytes";
    }
}
