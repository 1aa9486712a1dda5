package dev.odflash.family;

import dev.odflash.image.ImageReport;

import java.util.function.Function;

/**
 * One layout's image recogniser, as a family offers it. {@link ImageIdentifier} tries every family's
 * recognisers strongest first: a distinctive signature (MT1959's boot banner, MT1939's checksum) must be
 * tried before the 8051-era layouts whose sizes overlap, and the generic mtk8051 check comes last.
 *
 * @param strength larger is tried earlier; ties keep the families' order
 */
public record Recogniser(int strength, Function<byte[], ImageReport> identify) {
    /** Strengths in use, strongest first (docs/how-to-add-a-family.md "Image recognition"). */
    public static final int BANNER = 60;
    public static final int CHECKSUM = 50;
    public static final int BUFFER_SHAPE = 40;
    public static final int IDENTITY_STRINGS = 30;
    public static final int IDENTITY_STRINGS_WEAK = 20;
    public static final int GENERIC = 10;
}
