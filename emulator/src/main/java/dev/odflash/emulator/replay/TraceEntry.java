package dev.odflash.emulator.replay;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HexFormat;

/** One recorded SCSI command of a trace (architecture.md "Contracts" → Traces). */
record TraceEntry(int line, String cdb, String dir, long len, int status, String sense, double ms, byte[] dataIn,
                  String dataOutSha256, String error) {
    static TraceEntry parse(int line, JsonNode n) {
        String dataIn = n.path("dataIn").asText("");
        return new TraceEntry(line, n.path("cdb").asText("").toLowerCase(java.util.Locale.ROOT), n.path("dir").asText("none"),
                n.path("len").asLong(0), n.path("status").asInt(0), n.path("sense").asText(""), n.path("ms").asDouble(0),
                dataIn.isEmpty() ? new byte[0] : HexFormat.of().parseHex(dataIn), n.path("dataOutSha256").asText(""),
                n.path("error").asText(""));
    }
}
