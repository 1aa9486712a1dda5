package dev.odflash.cli;

import dev.odflash.chip.ChipSpec;
import dev.odflash.drive.ImageLayout;
import dev.odflash.image.FirmwareFiles;
import dev.odflash.image.ImageFormatException;
import dev.odflash.input.BoundedInput;
import dev.odflash.input.InputFileException;
import dev.odflash.image.extract.PeFile;
import dev.odflash.ops.Choice;
import dev.odflash.ops.Failure;
import dev.odflash.ops.InputErrors;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Reading firmware files and key files for the file commands: through the one bounded reader (a regular file,
 * never more than the bound), with the contract's exit codes (not a regular file: 2; too large: 4, unread).
 */
final class FirmwareInput {
    /** Intel-HEX spends about 2.8 text bytes per image byte (":10AAAA00" + 32 hex digits + CRLF per 16 bytes). */
    static final int HEX_FACTOR = 3;

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

    /**
     * The largest image any drive odflash knows can hold: the largest chip in the table that odflash handles (a part
     * it refuses, over 16 MiB, holds no image it takes) or download layout.
     */
    static long largestImage(AppContext ctx) throws OdflashException {
        long chips = ctx.chips().all().stream().filter(c -> c.refusal().isEmpty()).mapToLong(ChipSpec::size).max()
                .orElse(0);
        long layouts = Arrays.stream(ImageLayout.values()).mapToLong(ImageLayout::fixedSize).max().orElse(0);
        return Math.max(chips, layouts);
    }

    /**
     * A firmware file (.bin or .hex) as image bytes: a binary at most {@code maxImage} bytes, Intel-HEX at most
     * {@link #HEX_FACTOR} times that; a malformed HEX file is refused (4) with its line.
     */
    static FirmwareFiles.Loaded load(Path file, long maxImage) throws OdflashException {
        return load(file, maxImage, "any flash odflash knows");
    }

    /** What a Windows program's first bytes hold: the DOS header and, at e_lfanew, the PE signature. */
    private static final int PROGRAM_HEAD = 4096;

    /**
     * A Windows program (a vendor updater) is no image: it is said as such, with the command that carves
     * the images out of it, before any size bound (an updater is often larger than any flash).
     */
    static void refuseWindowsProgram(Path file) throws OdflashException {
        byte[] head;
        try {
            head = BoundedInput.head(file, PROGRAM_HEAD, "firmware file");
        } catch (InputFileException e) {
            throw InputErrors.of(e);
        }
        if (PeFile.isWindowsProgram(head)) {
            throw new OdflashException(new Failure.Refusal(Gate.IMAGE_FILE, file + ": this is a Windows program (a"
                    + " vendor updater?), not a firmware image", Optional.of(Choice.EXTRACT_UPDATER),
                    List.of(file.toString())));
        }
    }

    /** {@link #load(Path, long)}; {@code boundWords} says what the bound is ("the drive's flash") in a refusal. */
    private static FirmwareFiles.Loaded load(Path file, long maxImage, String boundWords) throws OdflashException {
        refuseWindowsProgram(file);
        byte[] bytes;
        try {
            bytes = BoundedInput.read(file, maxImage * HEX_FACTOR, "firmware file");
        } catch (InputFileException e) {
            if (e.reason() == InputFileException.Reason.TOO_LARGE) {
                throw OdflashException.refused(Gate.INPUT_SIZE, file + " is larger than " + boundWords + " (" + maxImage + " bytes)"
                        + " even as Intel-HEX; not read");
            }
            throw InputErrors.of(e);
        }
        try {
            FirmwareFiles.Loaded loaded = FirmwareFiles.load(bytes);
            long size = loaded.form() == FirmwareFiles.Form.BIN ? bytes.length : loaded.image().length;
            if (size > maxImage) {
                throw OdflashException.refused(Gate.IMAGE_FILE, file + " is " + size + " bytes" + (loaded.form() == FirmwareFiles.Form.BIN
                        ? "" : " of image") + ", larger than " + boundWords + " (" + maxImage + " bytes);"
                        + " not a firmware image for it");
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

    /**
     * Before a drive is opened: FILE is a regular file no larger than any flash odflash knows can take
     * (as Intel-HEX) and not a Windows program, so a bad path is said before the drive is touched. Reads at
     * most its first 4 KiB.
     */
    static void precheck(Path file, AppContext ctx) throws OdflashException {
        refuseWindowsProgram(file);
        long max = largestImage(ctx);
        try {
            BoundedInput.check(file, max * HEX_FACTOR, "firmware file");
        } catch (InputFileException e) {
            if (e.reason() == InputFileException.Reason.TOO_LARGE) {
                throw OdflashException.refused(Gate.INPUT_SIZE, file + " is larger than any flash odflash knows (" + max + " bytes)"
                        + " even as Intel-HEX; not read");
            }
            throw InputErrors.of(e);
        }
    }

    /**
     * FILE for the open drive: at most the drive's flash ({@code flashSize}; Intel-HEX {@link #HEX_FACTOR}
     * times that), so a file larger than the target is refused (4) and never read whole; when the drive's
     * flash size is unknown ({@code flashSize <= 0}), the largest flash odflash knows.
     */
    static FirmwareFiles.Loaded loadFor(Path file, long flashSize, AppContext ctx) throws OdflashException {
        return flashSize > 0 ? load(file, flashSize, "the drive's flash") : load(file, ctx);
    }

    /** The longest key file: 32 hex digits and a CRLF. */
    static final int MAX_KEY_FILE = 34;
    private static final java.util.regex.Pattern HEX_KEY = java.util.regex.Pattern.compile("[0-9A-Fa-f]{32}(\\r?\\n)?");

    /**
     * An AES-128 key file: exactly 16 raw bytes, or exactly 32 hex digits with an optional line end
     * ({@code \n} or {@code \r\n}); anything else is a usage error (2), a longer file refused unread (4).
     */
    static Optional<byte[]> key(Path file) throws OdflashException {
        if (file == null) {
            return Optional.empty();
        }
        byte[] raw = read(file, MAX_KEY_FILE, "--key");
        if (raw.length == 16) {
            return Optional.of(raw);
        }
        String text = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (HEX_KEY.matcher(text).matches()) {
            return Optional.of(HexFormat.of().parseHex(text.substring(0, 32)));
        }
        throw OdflashException.usage("--key " + file + ": expected exactly 16 raw bytes, or 32 hex digits and an"
                + " optional line end (an AES-128 key); it holds " + raw.length + " bytes");
    }
}
