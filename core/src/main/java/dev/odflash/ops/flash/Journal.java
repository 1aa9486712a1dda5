package dev.odflash.ops.flash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * The record of a write in progress (safety rule 6), written before the first erase or program and
 * removed only after the flashed image verified. It holds the pre-flash backup's hash, so a resume
 * (same target) or a restore (the backup itself) is authorised by it alone.
 */
public record Journal(String deviceKey, String device, String vendor, String product, String chip,
                      String targetSha256, String targetFile, String backupSha256, String backupFile,
                      String fromVersion, String toVersion, int plannedErases, long plannedProgramBytes,
                      Instant startedAt, String toolVersion) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("state", "in-progress");
        o.put("deviceKey", deviceKey);
        o.put("device", device);
        o.put("vendor", vendor);
        o.put("product", product);
        o.put("chip", chip);
        o.put("targetSha256", targetSha256);
        o.put("targetFile", targetFile);
        o.put("backupSha256", backupSha256);
        o.put("backupFile", backupFile);
        o.put("fromVersion", fromVersion);
        o.put("toVersion", toVersion);
        o.putObject("plan").put("erases", plannedErases).put("programBytes", plannedProgramBytes);
        o.put("startedAt", startedAt.toString());
        o.put("toolVersion", toolVersion);
        return o;
    }

    public static Journal fromJson(JsonNode o) {
        return new Journal(o.path("deviceKey").asText(), o.path("device").asText(), o.path("vendor").asText(),
                o.path("product").asText(), o.path("chip").asText(), o.path("targetSha256").asText(),
                o.path("targetFile").asText(), o.path("backupSha256").asText(), o.path("backupFile").asText(),
                o.path("fromVersion").asText(), o.path("toVersion").asText(), o.path("plan").path("erases").asInt(),
                o.path("plan").path("programBytes").asLong(), Instant.parse(o.path("startedAt").asText()),
                o.path("toolVersion").asText());
    }

    /** Whether flashing this image is authorised by the journal: the interrupted target or the backup. */
    public boolean authorises(String imageSha256) {
        return imageSha256.equals(targetSha256) || imageSha256.equals(backupSha256);
    }
}
