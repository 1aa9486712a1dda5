package dev.odflash.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.protocol.Configuration;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The backup sidecar {@code FILE.json} (docs/architecture.md "Contracts"): sha256, size, drive (vendor,
 * product, revision, and the serial and firmware date when the drive reports them), chip, passes, state ({@code complete} or {@code interrupted}), toolVersion, createdAt (UTC ISO-8601),
 * coverage ({@code full}, or {@code regions} with {@code regions: [{offset, length, sha256}]} for a
 * regions-only backup, whose file holds those regions one after the other).
 */
public final class BackupSidecar {
    public static final BackupState COMPLETE = BackupState.COMPLETE;
    public static final BackupState INTERRUPTED = BackupState.INTERRUPTED;
    private static final ObjectMapper JSON = new ObjectMapper();

    private BackupSidecar() {
    }

    public static ObjectNode of(DriveInfo info, VerifiedRead read, BackupState state, Instant createdAt) {
        ObjectNode o = JSON.createObjectNode();
        o.put("sha256", read.sha256());
        o.put("size", read.size());
        ObjectNode drive = o.putObject("drive");
        drive.put("vendor", info.inquiry().vendor());
        drive.put("product", info.inquiry().product());
        drive.put("revision", info.inquiry().revision());
        // as FM keeps them with its per-unit dump: which unit, and which firmware build it reported
        info.configuration().flatMap(Configuration::unitSerial).ifPresent(s -> drive.put("serial", s));
        info.configuration().flatMap(Configuration::firmwareDate).ifPresent(d -> drive.put("firmwareDate", d));
        ObjectNode chip = o.putObject("chip");
        chip.put("name", info.chip().map(c -> c.name()).orElse("unknown"));
        chip.put("manufacturerId", info.jedecId().map(id -> id.manufacturerHex()).orElse(null));
        chip.put("deviceId", info.jedecId().map(id -> id.deviceHex()).orElse(null));
        o.put("passes", read.passes());
        o.put("state", state.word());
        o.put("toolVersion", ToolVersion.get());
        o.put("createdAt", createdAt.truncatedTo(ChronoUnit.SECONDS).toString());
        o.put("coverage", BackupCoverage.FULL.word());
        return o;
    }

    /** The sidecar of a regions-only backup ({@link RegionsRead}): never one of the whole flash. */
    public static ObjectNode ofRegions(DriveInfo info, RegionsRead read, BackupState state, Instant createdAt) {
        ObjectNode o = of(info, read.asRead(), state, createdAt);
        o.put("coverage", BackupCoverage.REGIONS.word());
        com.fasterxml.jackson.databind.node.ArrayNode regions = o.putArray("regions");
        for (RegionsRead.Region r : read.regions()) {
            regions.addObject().put("offset", r.offset()).put("length", r.length()).put("sha256", r.sha256());
        }
        return o;
    }

    public static byte[] bytes(ObjectNode sidecar) {
        try {
            return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sidecar) + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    public static java.nio.file.Path pathFor(java.nio.file.Path backup) {
        return backup.resolveSibling(backup.getFileName() + ".json");
    }
}
