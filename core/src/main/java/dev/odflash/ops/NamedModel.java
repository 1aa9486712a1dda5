package dev.odflash.ops;

import dev.odflash.drive.DriveModel;
import dev.odflash.drive.DriveRules;
import dev.odflash.drive.DriveTable;

import java.util.List;

/**
 * The one drive-table row {@code --model NAME} names (dev.odflash.drive.DriveRules matches the name), or a usage
 * error listing what it could mean: shared by the clipped chip (family/external/ExternalProbe) and the dead drive
 * on the port path (DriveProbe).
 */
public final class NamedModel {
    private NamedModel() {
    }

    public static DriveModel row(DriveTable drives, String name) throws OdflashException {
        List<DriveModel> rows = DriveRules.candidates(drives, name);
        if (rows.size() != 1) {
            throw OdflashException.usage(Choice.MODEL_NAMED.mention() + " " + name + ": " + (rows.isEmpty()
                    ? "no drive-table row has this name (VENDOR PRODUCT or PRODUCT)" : "several rows answer: "
                    + String.join(", ", rows.stream().map(DriveModel::displayName).toList()) + "; give VENDOR PRODUCT"));
        }
        return rows.getFirst();
    }
}
