package dev.odflash.ops.flash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * One verified flash in a drive's history (docs/architecture.md "Contracts", flash history), as fwupd
 * keeps its history: which image, which version, from which file, when, and how it was verified.
 *
 * @param sha256        the file as given (what `flash FILE` hashes)
 * @param contentSha256 what a drive holding this flash holds outside its unit regions
 *                      ({@link UnitContent}): the image as written, per-unit data masked
 * @param verification  how the flash was verified ({@link Verification#word})
 * @param backupFile    the backup taken before this flash ("" when there was none)
 */
public record FlashRecord(String sha256, String contentSha256, String version, String file, Instant flashedAt,
                          boolean verified, String verification, String backupFile, String backupSha256) {
    private static final String HEX64 = "[0-9a-f]{64}";

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("sha256", sha256).put("contentSha256", contentSha256).put("version", version).put("file", file)
                .put("flashedAt", flashedAt.toString()).put("verified", verified).put("verification", verification)
                .put("backupFile", backupFile).put("backupSha256", backupSha256);
        return o;
    }

    /** An entry as stored; anything malformed is an {@link IllegalArgumentException} (never trusted). */
    public static FlashRecord fromJson(JsonNode o) {
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("an entry is not a JSON object");
        }
        String sha = o.path("sha256").asText("");
        String content = o.path("contentSha256").asText("");
        if (!sha.matches(HEX64) || !content.matches(HEX64)) {
            throw new IllegalArgumentException("an entry has no sha256");
        }
        if (!o.path("verified").isBoolean() || !o.path("flashedAt").isTextual()) {
            throw new IllegalArgumentException("an entry has no time or verified flag");
        }
        Instant when;
        try {
            when = Instant.parse(o.path("flashedAt").asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("an entry's time is not a time");
        }
        return new FlashRecord(sha, content, o.path("version").asText(""), o.path("file").asText(""), when,
                o.path("verified").asBoolean(), o.path("verification").asText(""), o.path("backupFile").asText(""),
                o.path("backupSha256").asText(""));
    }

    /** The file's name without its directories, for messages. */
    public String fileName() {
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        return file.substring(slash + 1);
    }
}
