package dev.odflash.drive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.odflash.bytes.ResourceJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * INQUIRY vendor/product to family, from the resource {@code drives.json} (one row per drive model,
 * each with its source). A drive no row matches is reported as unknown and gets no vendor command.
 */
public final class DriveTable {
    public static final String RESOURCE = "/dev/odflash/drive/drives.json";
    private static volatile DriveTable builtIn;
    private final List<DriveModel> drives;

    public DriveTable(List<DriveModel> drives) {
        this.drives = List.copyOf(drives);
    }

    public static DriveTable builtIn() {
        DriveTable t = builtIn;
        if (t == null) {
            try (InputStream in = DriveTable.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("drive table resource missing: " + RESOURCE);
                }
                t = new DriveTable(read(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            builtIn = t;
        }
        return t;
    }

    static List<DriveModel> read(InputStream in) throws IOException {
        JsonNode root = ResourceJson.read(in); // not Jackson's parser: start-up, issue 18
        List<DriveModel> out = new ArrayList<>();
        for (JsonNode r : root.path("drives")) {
            out.add(new DriveModel(r.path("vendor").asText(), r.path("product").asText(),
                    ProductMatch.parse(r.path("match").asText("exact")), DriveFamily.parse(r.path("family").asText()),
                    ImageLayout.parse(r.path("layout").asText()), r.path("bootRegion").asInt(0),
                    r.hasNonNull("bootId") ? Optional.of(r.path("bootId").asText()) : Optional.empty(),
                    r.path("modelled").asBoolean(false), r.path("source").asText()));
        }
        return out;
    }

    public List<DriveModel> all() {
        return drives;
    }

    /** The first row matching; exact rows are listed before prefix rows in the resource. */
    public Optional<DriveModel> lookup(String vendor, String product) {
        return drives.stream().filter(d -> d.matches(vendor, product)).findFirst();
    }
}
