package dev.odflash.emulator.firmware;

import dev.odflash.bytes.Ascii;

import java.util.List;

/**
 * Builds the 8051-generation download images (btc, tsst-mt1339, sd616) on top of {@link Mtk8051Firmware}:
 * the same structure and version chain, with the family's own revision strings written into the
 * INQUIRY template (and, for BTC, the template moved to where btcflash reads it).
 */
final class Relabel {
    private Relabel() {
    }

    /** The mtk8051 version at the same place in the chain as {@code version} in {@code versions}. */
    static String chainVersion(List<String> versions, String version, String family) {
        int i = versions.indexOf(version);
        if (i < 0) {
            throw new IllegalArgumentException("no synthetic " + family + " version '" + version + "' ("
                    + String.join(", ", versions) + ")");
        }
        return Mtk8051Firmware.VERSIONS.get(i);
    }

    /** Overwrites the template's 4-byte revision field. */
    static void revision(byte[] image, int templateOffset, String revision) {
        Ascii.put(image, templateOffset + 32, 4, revision);
    }
}
