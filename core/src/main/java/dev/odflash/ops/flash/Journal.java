package dev.odflash.ops.flash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.odflash.ops.Choice;
import dev.odflash.ops.Given;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The record of a write in progress (safety rule 6), written before the first erase or program and
 * removed only after the flashed image verified. It holds the pre-flash backup's hash, so a resume
 * (same target) or a restore (the backup itself) is authorised by it alone, on the drive its key
 * names ({@link DriveKey}: {@code keyBasis} and {@code keyValue}). {@code banks} are the 64 KiB banks
 * the flash writes (where the old and the new image differ; every bank for a download). {@code given} are
 * the choices the run was given ({@link Given}: a named chip, a size, a chip file, a download variant, the
 * overrides), so the command that finishes it, suggested by any later run, carries them too; a journal
 * written before they were recorded has none (its finishing command carries what the suggesting run has).
 */
public record Journal(String deviceKey, String device, String vendor, String product, String chip,
                      String targetSha256, String targetFile, String backupSha256, String backupFile,
                      String fromVersion, String toVersion, int plannedErases, long plannedProgramBytes,
                      Instant startedAt, String toolVersion, String keyBasis, String keyValue, List<Integer> banks,
                      List<Given> given) {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final int BANK = 0x10000;

    public Journal {
        banks = List.copyOf(banks);
        given = List.copyOf(given);
    }

    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("state", "in-progress");
        o.put("deviceKey", deviceKey);
        o.putObject("key").put("vendor", vendor).put("product", product).put("basis", keyBasis).put("value", keyValue);
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
        ArrayNode b = o.putArray("banks");
        banks.forEach(b::add);
        o.put("startedAt", startedAt.toString());
        o.put("toolVersion", toolVersion);
        ArrayNode g = o.putArray("given");
        given.forEach(c -> {
            ObjectNode e = g.addObject().put("choice", c.choice().word());
            c.value().ifPresent(v -> e.put("value", v));
        });
        return o;
    }

    public static Journal fromJson(JsonNode o) {
        List<Integer> banks = new ArrayList<>();
        o.path("banks").forEach(n -> banks.add(n.asInt()));
        List<Given> given = new ArrayList<>();
        // a choice this version does not know is left out (a journal of a newer odflash): its finishing
        // command then lacks it, and the gate it opened refuses, saying so
        o.path("given").forEach(n -> Choice.ofWord(n.path("choice").asText("")).ifPresent(c -> given.add(
                n.path("value").isTextual() ? Given.of(c, n.path("value").asText()) : Given.flag(c))));
        return new Journal(o.path("deviceKey").asText(), o.path("device").asText(), o.path("vendor").asText(),
                o.path("product").asText(), o.path("chip").asText(), o.path("targetSha256").asText(),
                o.path("targetFile").asText(), o.path("backupSha256").asText(), o.path("backupFile").asText(),
                o.path("fromVersion").asText(), o.path("toVersion").asText(), o.path("plan").path("erases").asInt(),
                o.path("plan").path("programBytes").asLong(), Instant.parse(o.path("startedAt").asText()),
                o.path("toolVersion").asText(), o.path("key").path("basis").asText(DriveKey.PATH),
                o.path("key").path("value").asText(""), banks, given);
    }

    /** Whether flashing this image is authorised by the journal: the interrupted target or the backup. */
    public boolean authorises(String imageSha256) {
        return imageSha256.equals(targetSha256) || (!backupSha256.isEmpty() && imageSha256.equals(backupSha256));
    }

    /** The same journal, now belonging to another drive key (journal adopt). */
    public Journal movedTo(DriveKey key, String deviceSpec) {
        return new Journal(key.id(), deviceSpec, vendor, product, chip, targetSha256, targetFile, backupSha256,
                backupFile, fromVersion, toVersion, plannedErases, plannedProgramBytes, startedAt, toolVersion,
                key.basis(), key.value(), banks, given);
    }

    /** The banks in which two images differ: what a flash from one to the other writes. */
    public static List<Integer> changedBanks(byte[] from, byte[] to) {
        List<Integer> out = new ArrayList<>();
        int size = Math.max(from.length, to.length);
        for (int off = 0; off < size; off += BANK) {
            int a = Math.min(from.length, off + BANK);
            int b = Math.min(to.length, off + BANK);
            if (off >= from.length || off >= to.length
                    || !java.util.Arrays.equals(from, off, a, to, off, b)) {
                out.add(off / BANK);
            }
        }
        return out;
    }

    /** Every bank of an image of this size (a download rewrites the whole flash). */
    public static List<Integer> allBanks(long size) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; (long) i * BANK < size; i++) {
            out.add(i);
        }
        return out;
    }
}
