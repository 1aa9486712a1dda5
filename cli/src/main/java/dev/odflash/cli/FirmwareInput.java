package dev.odflash.cli;

import dev.odflash.image.FirmwareFiles;
import dev.odflash.image.ImageFormatException;
import dev.odflash.ops.OdflashException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/** Reading firmware files and key files for the file commands: bounded, with the contract's exit codes. */
final class FirmwareInput {
    private FirmwareInput() {
    }

    /** The file's bytes; a missing file is usage (2), a file larger than {@code max} is refused (4) unread. */
    static byte[] read(Path file, long max, String what) throws OdflashException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw OdflashException.usage(file + ": no such readable file");
        }
        try {
            long size = Files.size(file);
            if (size > max) {
                throw OdflashException.refused(file + " is " + size + " bytes, larger than " + what + " (" + (max >> 20)
                        + " MiB); not read");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw OdflashException.usage(file + ": " + e.getMessage());
        }
    }

    /** A firmware file (.bin or .hex) as image bytes; a malformed HEX file is refused (4) with its line. */
    static FirmwareFiles.Loaded load(Path file) throws OdflashException {
        byte[] bytes = read(file, FirmwareFiles.MAX_FILE, "any firmware file odflash knows");
        try {
            return FirmwareFiles.load(bytes);
        } catch (ImageFormatException e) {
            throw OdflashException.refused(file + ": " + e.getMessage());
        }
    }

    /** An AES-128 key file: 16 raw bytes, or 32 hex digits (spaces and a trailing newline allowed). */
    static Optional<byte[]> key(Path file) throws OdflashException {
        if (file == null) {
            return Optional.empty();
        }
        byte[] raw = read(file, 4096, "a key file");
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
