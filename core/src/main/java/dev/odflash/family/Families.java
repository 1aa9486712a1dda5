package dev.odflash.family;

import dev.odflash.drive.DriveFamily;
import dev.odflash.family.btc.BtcFamily;
import dev.odflash.family.external.ExternalFamily;
import dev.odflash.family.mt19xx.Mt19xxFamily;
import dev.odflash.family.mtk8051.Mtk8051Family;
import dev.odflash.family.tsst.TsstFamily;
import dev.odflash.ops.DriveInfo;

import java.util.List;
import java.util.Optional;

/** Every family odflash supports, and the one a drive-table row names. */
public final class Families {
    private static final List<Family> ALL = List.of(new Mtk8051Family(), new BtcFamily(), new TsstFamily(),
            new Mt19xxFamily(), new ExternalFamily());

    private Families() {
    }

    public static List<Family> all() {
        return ALL;
    }

    public static Family of(DriveFamily id) {
        for (Family f : ALL) {
            if (f.id() == id) {
                return f;
            }
        }
        throw new IllegalStateException("no family package for " + id); // FamiliesTest keeps this unreachable
    }

    /** The family of a probed drive; empty for a drive in no drive-table row. */
    public static Optional<Family> of(DriveInfo info) {
        return info.family().map(Families::of);
    }
}
