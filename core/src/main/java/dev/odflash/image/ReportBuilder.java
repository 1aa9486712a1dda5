package dev.odflash.image;

import dev.odflash.bytes.Sha256;
import dev.odflash.drive.ImageLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects what one recogniser finds and makes the {@link ImageReport}. */
public final class ReportBuilder {
    public final List<ImageCheck> checks = new ArrayList<>();
    public final List<String> warnings = new ArrayList<>();
    public final List<ImageRegion> regions = new ArrayList<>();
    public Optional<ImageIdentity> identity = Optional.empty();
    public boolean perUnit;

    public ReportBuilder pass(String name, String detail) {
        checks.add(ImageCheck.pass(name, detail));
        return this;
    }

    public ReportBuilder fail(String name, String detail) {
        checks.add(ImageCheck.fail(name, detail));
        return this;
    }

    public boolean check(boolean ok, String name, String passDetail, String failDetail) {
        checks.add(ok ? ImageCheck.pass(name, passDetail) : ImageCheck.fail(name, failDetail));
        return ok;
    }

    public ReportBuilder warn(String warning) {
        warnings.add(warning);
        return this;
    }

    public ReportBuilder region(ImageRegion region) {
        regions.add(region);
        return this;
    }

    /**
     * The report; its SHA-256 only when recognised. {@code dev.odflash.family.ImageIdentifier} tries six recognisers and
     * fills in the hash of the one report it returns, so an image is hashed once, not six times (a
     * 16 MiB HEX-decoded blob meant six SHA-256 passes over 16 MiB; ExtractorFuzzTest's slow-unit finding).
     */
    public ImageReport build(boolean recognised, ImageLayout layout, byte[] image, int banks, long bootRegion) {
        return new ImageReport(recognised ? Optional.of(layout) : Optional.empty(), image.length, banks, identity,
                bootRegion, checks, warnings, recognised ? Sha256.hex(image) : "", regions, perUnit);
    }

    public static String sizeText(long size) {
        return size % 1024 == 0 ? String.format("%d bytes (%d KiB)", size, size / 1024) : size + " bytes";
    }
}
