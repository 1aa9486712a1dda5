package dev.odflash.cli;

import picocli.CommandLine.Option;

import java.util.Optional;

/**
 * {@code --model NAME}: the drive-table row whose rules (layout, boot region, per-unit data) apply when the chip's
 * contents no longer say which drive they belong to (a bricked chip on a clip, issue 15 §1). A mixin of its own so
 * every drive command, and any path that meets a dead drive, takes the same option; core resolves the name
 * (dev.odflash.drive.DriveRules), the journal records it as a given choice.
 */
public final class ModelOption {
    @Option(names = "--model", paramLabel = "NAME",
            description = "The drive whose rules apply when the chip's contents are unrecognisable (a bricked chip on a"
                    + " flashrom: clip): a drive-table row, \"VENDOR PRODUCT\" or PRODUCT. Its layout must fit the chip;"
                    + " writing the first 64 KiB still needs --include-boot. Refused when the contents identify a drive.")
    String model;

    Optional<String> name() {
        return Optional.ofNullable(model);
    }

    Optional<dev.odflash.ops.Given> given() {
        return name().map(n -> dev.odflash.ops.Given.of(dev.odflash.ops.Choice.MODEL_NAMED, n));
    }
}
