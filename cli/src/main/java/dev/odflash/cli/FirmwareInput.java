package dev.odflash.cli;

import dev.odflash.chip.ChipSpec;
import dev.odflash.drive.ImageLayout;
import dev.odflash.image.FirmwareFiles;
import dev.odflash.image.ImageFormatException;
import dev.odflash.input.BoundedInput;
import dev.odflash.input.InputFileException;
import dev.odflash.ops.InputErrors;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Reading firmware files and key files for the file commands: through the one bounded reader (a regular file,
 * never more than the bound), with the contract's exit codes (not a regular file: 2; too large: 4, unread).
 */
final class FirmwareInput {
    /** Intel-HEX spends about 2.8 text bytes per image byte (":10AAAA00" + 32 hex digits + CRLF per 16 bytes). */
    static final int HEX_FACTOR = 3;
    /** A key file: 16 raw bytes, or 32 hex digits with spaces and line ends; nothing longer is a key. */
    static final int MAX_KEY_FILE = 128;

    private FirmwareInput() {
    }

    /** The file's bytes, at most {@code max}; {@code what} names the input in messages. */
    static byte[] read(Path file, long max, String what) throws OdflashException {
        try {
            return BoundedInput.read(file, max, what);
        } catch (InputFileException e) {
            throw InputErrors.of(e);
        }
    }

    /** The largest image any drive odflash knows can hold: the largest chip in the table or download layout. */
    static long largestImage(AppContext ctx) throws OdflashException {
        long chips = ctx.chips().all().stream().mapToLong(ChipSpec::size).max().orElse(0);
        long layouts = Arrays.stream(ImageLayout.values()).mapToLong(ImageLayout::fixedSize).max().orElse(0);
        return Math.max(chips, layouts);
    }

    /**
     * A firmware file (.bin or .hex) as image bytes: a binary at most {@code maxImage} bytes, Intel-HEX at most
     * {@link #HEX_FACTOR} times that; a malformed HEX file is refused (4) with its line.
     */
    static FirmwareFiles.Loaded load(Path file, long maxImage) throws OdflashException {
        byte[] bytes = read(file, maxImage * HEX_FACTOR, "firmware file");
        try {
            FirmwareFiles.Loaded loaded = FirmwareFiles.load(bytes);
            if (loaded.form() == FirmwareFiles.Form.BIN && bytes.length > maxImage) {
                throw OdflashException.refused(Gate.IMAGE_FILE, file + " is " + bytes.length + " bytes, larger than any flash odflash"
                        + " knows (" + maxImage + " bytes); not a firmware image");
            }
            return loaded;
        } catch (ImageFormatException e) {
            throw OdflashException.refused(Gate.IMAGE_FILE, file + ": " + e.getMessage());
        }
    }

    /** {@link #load(Path, long)} bounded by the largest image of the chip table (with --chip-db) and layouts. */
    static FirmwareFiles.Loaded load(Path file, AppContext ctx) throws OdflashException {
        return load(file, largestImage(ctx));
    }

    /** An AES-128 key file: 16 raw bytes, or 32 hex digits (spaces and a trailing newline allowed). */
    static Optional<byte[]> key(Path file) throws OdflashException {
        if (file == null) {
            return Optional.empty();
        }
        byte[] raw = read(file, MAX_KEY_FILE, "--key");
        if (raw.length == 16) {
            return Optional.of(raw);
        }
        String text = new String(raw, java.nio.charset.StandardCharsets.US_ASCII).replaceAll("\\s", "");
        if (text.matches("[0-9A-Fa-f]{32}")) {
            return Optional.of(HexFormat.of().parseHex(text));
        }
        throw OdflashException.usage("--key " + file + ": expected 16 raw bytes or 32 hex digits (an AES-128 key)");
    }
}
