package dev.odflash.emulator.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.odflash.transport.TransportException;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * One recorded SCSI command of a trace (docs/architecture.md "Contracts" → Traces), every field checked at load so a
 * bad trace is refused with its line and field before a drive is "opened", never half-way through a replay.
 */
record TraceEntry(int line, String cdb, String dir, long len, int status, String sense, double ms, byte[] dataIn,
                  String dataOutSha256, String error) {
    private static final Set<String> DIRECTIONS = Set.of("none", "in", "out");
    /** SCSI sense is at most 252 bytes (SPC: additional length is one byte after 8 header bytes). */
    private static final int MAX_SENSE = 252;
    private static final int MAX_CDB = 16;
    /** No single command takes longer than this (ms): a finite bound keeps the virtual clock's nanoseconds in range. */
    private static final double MAX_MS = 1e9;

    /** The entry a trace line holds; a bad field is an IllegalArgumentException naming the line and the field. */
    static TraceEntry parse(int line, JsonNode n) {
        String cdb = hex(line, n, "cdb", MAX_CDB);
        if (cdb.isEmpty()) {
            throw bad(line, "cdb", "is empty");
        }
        String dir = text(line, n, "dir", "none");
        if (!DIRECTIONS.contains(dir)) {
            throw bad(line, "dir", "is " + quoted(dir) + ", expected none, in or out");
        }
        long len = integer(line, n, "len", Integer.MAX_VALUE);
        int status = (int) integer(line, n, "status", 0xFF);
        String sense = hex(line, n, "sense", MAX_SENSE);
        double ms = 0;
        if (n.hasNonNull("ms")) {
            JsonNode v = n.get("ms");
            ms = v.asDouble(Double.NaN);
            if (!v.isNumber() || !Double.isFinite(ms) || ms < 0 || ms > MAX_MS) {
                throw bad(line, "ms", v + " is not a time from 0 to " + (long) MAX_MS + " ms");
            }
        }
        String dataInHex = hex(line, n, "dataIn", Integer.MAX_VALUE);
        byte[] dataIn = HexFormat.of().parseHex(dataInHex);
        if (dataIn.length > len) {
            throw bad(line, "dataIn", "holds " + dataIn.length + " bytes, more than len " + len);
        }
        String sha = text(line, n, "dataOutSha256", "").toLowerCase(Locale.ROOT);
        if (!sha.isEmpty() && !sha.matches("[0-9a-f]{64}")) {
            throw bad(line, "dataOutSha256", "is not a SHA-256 (64 hex digits)");
        }
        String error = text(line, n, "error", "");
        if (!error.isEmpty() && Arrays.stream(TransportException.Kind.values()).noneMatch(k -> k.name().equals(error))) {
            throw bad(line, "error", "is " + quoted(error) + ", not a transport error kind "
                    + Arrays.toString(TransportException.Kind.values()));
        }
        return new TraceEntry(line, cdb, dir, len, status, sense, ms, dataIn, sha, error);
    }

    private static String text(int line, JsonNode n, String field, String absent) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isTextual()) {
            throw bad(line, field, v + " is not a string");
        }
        return v.asText();
    }

    /** Lower-case hex of at most {@code maxBytes} bytes ("" when absent). */
    private static String hex(int line, JsonNode n, String field, int maxBytes) {
        String t = text(line, n, field, "").toLowerCase(Locale.ROOT);
        if (t.length() % 2 != 0 || !t.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
            throw bad(line, field, "is not hex bytes (an even number of hex digits)");
        }
        if (t.length() / 2 > maxBytes) {
            throw bad(line, field, "holds " + t.length() / 2 + " bytes, more than " + maxBytes);
        }
        return t;
    }

    private static long integer(int line, JsonNode n, String field, long max) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0 || v.asLong() > max) {
            throw bad(line, field, v + " is not a whole number from 0 to " + max);
        }
        return v.asLong();
    }

    private static String quoted(String s) {
        return "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
    }

    private static IllegalArgumentException bad(int line, String field, String why) {
        return new IllegalArgumentException("line " + line + ": field \"" + field + "\" " + why);
    }
}
