package dev.odflash.cli;

import dev.odflash.ops.DriveProbe;
import dev.odflash.ops.OdflashException;
import picocli.CommandLine.Option;

import java.util.Optional;
import java.util.OptionalLong;

/** --device and the chip overrides every drive command takes. */
public final class DeviceOptions {
    @Option(names = {"-d", "--device"}, required = true, paramLabel = "SPEC",
            description = "The drive: /dev/sgN, /dev/srN, \\\\.\\CdRomN, emu:<profile>[?chip=NAME&image=FILE&...]"
                    + " (see `odflash emu profiles`), or on Linux as root port:/dev/sgN, port:1-4,"
                    + " port:0xBASE:master|slave (an IDE channel's I/O ports, `odflash list`); or a chip on an external"
                    + " programmer clip: flashrom:<programmer>[:<params>] (libflashrom, package libflashrom1).")
    String device;

    @Option(names = "--chip", paramLabel = "NAME",
            description = "Use this chip-table part instead of the one the JEDEC IDs name (for unknown chips); on a flashrom: device,"
                    + " the part to probe for (its row's libflashrom name).")
    String chip;

    @Option(names = "--size", paramLabel = "BYTES",
            description = "Flash size when the chip is unknown (e.g. 524288 or 0x80000).")
    String size;

    /**
     * The options of this run that reach the drive, as a journal records them ({@link dev.odflash.ops.Given}):
     * a named chip, a size, and the chip file (absolute: a resume may run in another directory).
     */
    java.util.List<dev.odflash.ops.Given> given(AppContext ctx) {
        java.util.List<dev.odflash.ops.Given> g = new java.util.ArrayList<>();
        if (chip != null) {
            g.add(dev.odflash.ops.Given.of(dev.odflash.ops.Choice.CHIP_NAMED, chip));
        }
        if (size != null) {
            g.add(dev.odflash.ops.Given.of(dev.odflash.ops.Choice.SIZE_GIVEN, size));
        }
        model.given().ifPresent(g::add);
        if (ctx.options().chipDb != null) {
            g.add(dev.odflash.ops.Given.of(dev.odflash.ops.Choice.CHIP_DB, ctx.options().chipDb.toAbsolutePath().toString()));
        }
        return g;
    }
    /** The rules of a named drive-table row; see {@link ModelOption}. */
    @picocli.CommandLine.Mixin
    ModelOption model = new ModelOption();

    @Option(names = "--family", paramLabel = "NAME",
            description = "The drive's family when the drive table does not list it (mtk8051 on a port: form: the"
                    + " vendor-mode intro is then sent to it).")
    String family;

    DriveProbe probe(AppContext ctx) throws OdflashException {
        return new DriveProbe(ctx.chips(), ctx.drives(), Optional.ofNullable(chip), parsedSize()).withFamily(parsedFamily())
                .withModel(model.name());
    }

    /** --family: only mtk8051, and only on a port: form (the one path where naming the family sends anything). */
    Optional<dev.odflash.drive.DriveFamily> parsedFamily() throws OdflashException {
        if (family == null) {
            return Optional.empty();
        }
        Optional<dev.odflash.drive.DriveFamily> named = java.util.Arrays.stream(dev.odflash.drive.DriveFamily.values())
                .filter(f -> f.word().equals(family)).findFirst();
        if (named.isEmpty() || !dev.odflash.family.ChipPaths.overTaskFile(named.get())) {
            throw OdflashException.usage("--family " + family + ": only a family whose vendor mode goes over the task-file"
                    + " registers can be named (mtk8051), and only on a port: form");
        }
        // an emulated drive with its ATAPI side cut off (?atapi=dead) stands in for a dead drive on a port form
        boolean emulatedDead = device != null && device.startsWith("emu:") && device.matches(".*[?&]atapi=dead(&.*)?");
        if (!dev.odflash.nativeio.PortForm.isPortForm(device) && !emulatedDead) {
            throw OdflashException.usage("--family is for the port: forms (port:/dev/sgN, port:1-4,"
                    + " port:0xBASE:master|slave)");
        }
        return named;
    }

    private OptionalLong parsedSize() throws OdflashException {
        if (size == null) {
            return OptionalLong.empty();
        }
        try {
            long v = size.startsWith("0x") || size.startsWith("0X") ? Long.parseLong(size.substring(2), 16) : Long.parseLong(size);
            if (v < 0x20000 || v > 0x1000000 || Long.bitCount(v) != 1) {
                throw OdflashException.usage("--size " + size + ": a power of two between 128 KiB and 16 MiB");
            }
            return OptionalLong.of(v);
        } catch (NumberFormatException e) {
            throw OdflashException.usage("--size " + size + " is not a number");
        }
    }
}
