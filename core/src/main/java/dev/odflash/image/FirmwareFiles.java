package dev.odflash.image;

import java.util.List;

/**
 * A firmware file's bytes to image bytes, whatever the file's form: a raw {@code .bin} is the image;
 * Intel-HEX text (detected by content: ':' first) is decoded by {@link IntelHex}. {@code identify},
 * {@code convert}, {@code flash} and {@code verify} all load files through here, so they accept the
 * same forms. No file I/O: the caller bounds and reads the file (the CLI: through
 * {@code dev.odflash.input.BoundedInput}, at most the largest flash odflash knows, Intel-HEX three times that).
 */
public final class FirmwareFiles {
    public enum Form {
        BIN("binary"), INTEL_HEX("Intel-HEX"), MTK_HEX("MTK/BTC banked Intel-HEX");

        private final String text;

        Form(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** The image a file holds, the form it was in, and what decoding noticed. */
    public record Loaded(byte[] image, Form form, List<String> warnings) {
    }

    private FirmwareFiles() {
    }

    public static Loaded load(byte[] fileBytes) throws ImageFormatException {
        if (IntelHex.looksLikeHex(fileBytes)) {
            IntelHex.Result hex = IntelHex.parse(fileBytes);
            return new Loaded(hex.image(), hex.dialect() == IntelHex.Dialect.MTK_BANKED ? Form.MTK_HEX : Form.INTEL_HEX,
                    hex.warnings());
        }
        return new Loaded(fileBytes, Form.BIN, List.of());
    }
}
