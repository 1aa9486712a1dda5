package dev.odflash.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.emulator.chip.FlashChipModel;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * The emulated drive's counters as a JSON document ({@code ?stats=FILE}, docs/testing.md "Emulator
 * counters"): written when the drive closes, whatever the run's outcome, so a test reads what reached
 * the chip from the emulator itself rather than from the CLI's wording. Format
 * {@code odflash-emulator-stats/1}: {@code profile}, {@code chip}, {@code commands}, {@code writeCommands},
 * {@code erases}, {@code programs}, {@code bytesProgrammed}, {@code violations}, {@code rejectedCommands},
 * {@code protectedRefusals}, {@code eraseCalls}, {@code programCalls}, {@code partialErases},
 * {@code partialPrograms}, {@code busyCuts} (power cuts inside a running erase or program's busy window), {@code lies},
 * {@code wornFailures}, {@code bitsFlipped}, all numbers but the two names.
 *
 * <p>At open an existing FILE must be a regular file (a link, directory or FIFO is a usage error, never
 * followed) and is removed, so a run that never closes its drive leaves no stale counters behind. The
 * document is written to a new sibling and renamed over FILE: a rename replaces a link planted meanwhile,
 * it does not follow it.
 */
public final class EmulatorStats {
    public static final String FORMAT = "odflash-emulator-stats/1";
    /** Made on first use: most drives write no counters (start-up, issue 18). */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    private final Path file;

    private EmulatorStats(Path file) {
        this.file = file;
    }

    /** The stats file a spec names, checked and cleared; empty without {@code stats=}. */
    static Optional<EmulatorStats> of(EmulatorSpec spec) {
        Optional<Path> named = SpecPath.of(spec, "stats");
        if (named.isEmpty()) {
            return Optional.empty();
        }
        String name = spec.params().get("stats");
        Path file = named.get();
        try {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (!a.isRegularFile()) {
                    throw new IllegalArgumentException("stats=" + name + ": not a regular file (a link, directory or"
                            + " device is never followed or replaced)");
                }
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("stats=" + name + ": " + e.getMessage());
        }
        return Optional.of(new EmulatorStats(file));
    }

    /** The document for a drive as it is now. */
    public static ObjectNode document(EmulatedDrive drive, String profile) {
        FlashChipModel chip = drive.chipModel();
        return Mapper.JSON.createObjectNode().put("format", FORMAT).put("profile", profile).put("chip", chip.spec().name())
                .put("commands", drive.commands()).put("writeCommands", drive.writeCommands())
                .put("erases", chip.erases()).put("programs", chip.programs()).put("bytesProgrammed", chip.bytesProgrammed())
                .put("violations", chip.violations()).put("rejectedCommands", chip.rejectedCommands())
                .put("protectedRefusals", chip.protectedRefusals()).put("eraseCalls", chip.eraseCalls())
                .put("programCalls", chip.programCalls()).put("partialErases", chip.partialErases())
                .put("partialPrograms", chip.partialPrograms()).put("busyCuts", chip.busyCuts()).put("lies", chip.lies())
                .put("wornFailures", chip.wornFailures()).put("bitsFlipped", chip.bitsFlipped())
                .put("firstWriteCommand", drive.firstWriteCommand()).put("lastWriteCommand", drive.lastWriteCommand());
    }

    /**
     * Writes the drive's counters (called once, as the drive closes). A close cannot fail the run, so a
     * file that cannot be written is left absent, and a reader reports the counters missing.
     */
    public void write(EmulatedDrive drive, String profile) {
        Path tmp = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.write(tmp, Mapper.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(document(drive, profile)),
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the temporary file stays; FILE is absent either way
            }
        }
    }
}
