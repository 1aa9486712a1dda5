package dev.odflash.ops;

import dev.odflash.bytes.Sha256;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;

/**
 * A regions-only backup's content (docs/architecture.md "Contracts", sidecar {@code coverage: "regions"}):
 * a fixed list of flash regions, each read until two reads agree. The backup file holds the regions'
 * bytes one after the other in this order; it is never an image of the flash, so it can never be flashed,
 * restored or vouched for as one.
 *
 * @param passes the most reads any region needed (2 when every region agreed at once)
 */
public record RegionsRead(List<Region> regions, int passes, Duration deviceTime) {
    public RegionsRead {
        regions = List.copyOf(regions);
    }

    /**
     * One region read.
     *
     * @param kept whether a flash writes this unit's own bytes back here (per-unit data), so the region
     *             is the same before and after: what lets a regions-only backup stand for the flash
     */
    public record Region(long offset, byte[] data, boolean kept) {
        public Region {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        public int length() {
            return data.length;
        }

        public String sha256() {
            return Sha256.hex(data);
        }
    }

    /** What the backup file holds: the regions concatenated in order. */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        regions.forEach(r -> out.writeBytes(r.data()));
        return out.toByteArray();
    }

    /** The file's bytes as a read, for the publish path every backup shares. */
    public VerifiedRead asRead() {
        return VerifiedRead.of(bytes(), passes, deviceTime);
    }
}
