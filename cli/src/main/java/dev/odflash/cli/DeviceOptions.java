package dev.odflash.cli;

import dev.odflash.ops.DriveProbe;
import dev.odflash.ops.OdflashException;
import picocli.CommandLine.Option;

import java.util.Optional;
import java.util.OptionalLong;

/** --device and the chip overrides every drive command takes. */
public final class DeviceOptions {
    @Option(names = {"-d", "--device"}, required = true, paramLabel = "SPEC",
            description = "The drive: /dev/sgN, /dev/srN, \\\\.\\CdRomN, or emu:<profile>[?chip=NAME&image=FILE&...]"
                    + " (see `odflash emu profiles`); or a chip on an external programmer clip:"
                    + " flashrom:<programmer>[:<params>] (libflashrom, package libflashrom1).")
    String device;

    @Option(names = "--chip", paramLabel = "NAME",
            description = "Use this chip-table part instead of the one the JEDEC IDs name (for unknown chips); on a flashrom: device,"
                    + " the part to probe for (its row's libflashrom name).")
    String chip;

    @Option(names = "--size", paramLabel = "BYTES",
            description = "Flash size when the chip is unknown (e.g. 524288 or 0x80000).")
    String size;

    DriveProbe probe(AppContext ctx) throws OdflashException {
        return new DriveProbe(ctx.chips(), ctx.drives(), Optional.ofNullable(chip), parsedSize());
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
