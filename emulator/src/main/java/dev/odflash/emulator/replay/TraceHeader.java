package dev.odflash.emulator.replay;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * A trace's header line {@code {"header": {"tool", "version", "maxTransfer", "alignMask", "clock"}}}
 * (docs/architecture.md "Contracts" → Traces): the host path's limits the recorded commands were cut to,
 * which a replay serves them under, so a split read replays as it was sent. Decoded here, on the replay's
 * side, from the JSON alone; every field is checked at load like a command line's.
 */
record TraceHeader(String tool, String version, long maxTransfer, int alignMask, String clock) {
    /** What a trace without a header (one written before headers existed) is replayed under. */
    static final TraceHeader ASSUMED = new TraceHeader("odflash", "unknown", 1 << 20, 0, "wall");
    /** The largest transfer a header may name: an int-sized length is the most one SCSI command moves here. */
    private static final long MAX_TRANSFER = Integer.MAX_VALUE;
    /** An alignment mask is 2^k - 1, at most the 64 KiB an emulated path may ask for (emulator HostQuirks). */
    private static final int MAX_ALIGN_MASK = 0xFFFF;

    /** The header a line holds, if it is a header line; a bad field is an IllegalArgumentException naming line and field. */
    static Optional<TraceHeader> parse(int line, JsonNode n) {
        JsonNode h = n.get("header");
        if (h == null) {
            return Optional.empty();
        }
        if (!h.isObject()) {
            throw bad(line, "header", "is not an object");
        }
        String tool = text(line, h, "tool");
        String version = text(line, h, "version");
        JsonNode max = h.get("maxTransfer");
        if (max == null || !max.isIntegralNumber() || !max.canConvertToLong() || max.asLong() < 1
                || max.asLong() > MAX_TRANSFER) {
            throw bad(line, "maxTransfer", max + " is not a whole number from 1 to " + MAX_TRANSFER);
        }
        JsonNode mask = h.get("alignMask");
        if (mask == null || !mask.isIntegralNumber() || !mask.canConvertToInt() || mask.asInt() < 0
                || mask.asInt() > MAX_ALIGN_MASK || (mask.asInt() & (mask.asInt() + 1)) != 0) {
            throw bad(line, "alignMask", mask + " is not 2^k - 1 from 0 to " + MAX_ALIGN_MASK);
        }
        String clock = text(line, h, "clock");
        if (!clock.equals("wall") && !clock.equals("virtual")) {
            throw bad(line, "clock", "is \"" + (clock.length() > 40 ? clock.substring(0, 40) + "…" : clock)
                    + "\", expected wall or virtual");
        }
        return Optional.of(new TraceHeader(tool, version, max.asLong(), mask.asInt(), clock));
    }

    private static String text(int line, JsonNode h, String field) {
        JsonNode v = h.get(field);
        if (v == null || !v.isTextual()) {
            throw bad(line, field, (v == null ? "is missing" : v + " is not a string"));
        }
        return v.asText();
    }

    private static IllegalArgumentException bad(int line, String field, String why) {
        return new IllegalArgumentException("line " + line + ": header field \"" + field + "\" " + why);
    }
}
