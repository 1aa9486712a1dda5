package dev.odflash.transport;

import java.util.Map;

/**
 * Texts for sense keys and the additional sense codes optical drives commonly return (SPC-4 Table 28
 * sense keys; SPC-4 Annex D / T10 asc-num.txt for ASC/ASCQ, names shortened).
 */
public final class SenseTexts {
    private SenseTexts() {
    }

    private static final String[] KEYS = {
        "NO SENSE", "RECOVERED ERROR", "NOT READY", "MEDIUM ERROR", "HARDWARE ERROR", "ILLEGAL REQUEST",
        "UNIT ATTENTION", "DATA PROTECT", "BLANK CHECK", "VENDOR SPECIFIC", "COPY ABORTED", "ABORTED COMMAND",
        "RESERVED", "VOLUME OVERFLOW", "MISCOMPARE", "COMPLETED"
    };

    private static final Map<Integer, String> ASC = Map.ofEntries(
            e(0x00, 0x00, "no additional sense information"),
            e(0x04, 0x00, "logical unit not ready, cause not reportable"),
            e(0x04, 0x01, "logical unit is in process of becoming ready"),
            e(0x04, 0x02, "logical unit not ready, initializing command required"),
            e(0x04, 0x07, "logical unit not ready, operation in progress"),
            e(0x04, 0x08, "logical unit not ready, long write in progress"),
            e(0x08, 0x03, "logical unit communication CRC error"),
            e(0x0C, 0x00, "write error"),
            e(0x11, 0x00, "unrecovered read error"),
            e(0x1A, 0x00, "parameter list length error"),
            e(0x20, 0x00, "invalid command operation code"),
            e(0x21, 0x00, "logical block address out of range"),
            e(0x24, 0x00, "invalid field in CDB"),
            e(0x25, 0x00, "logical unit not supported"),
            e(0x26, 0x00, "invalid field in parameter list"),
            e(0x27, 0x00, "write protected"),
            e(0x28, 0x00, "not ready to ready change, medium may have changed"),
            e(0x29, 0x00, "power on, reset, or bus device reset occurred"),
            e(0x29, 0x01, "power on occurred"),
            e(0x29, 0x02, "SCSI bus reset occurred"),
            e(0x2C, 0x00, "command sequence error"),
            e(0x3A, 0x00, "medium not present"),
            e(0x3A, 0x01, "medium not present, tray closed"),
            e(0x3A, 0x02, "medium not present, tray open"),
            e(0x3F, 0x01, "microcode has been changed"),
            e(0x44, 0x00, "internal target failure"),
            e(0x4B, 0x00, "data phase error"),
            e(0x53, 0x02, "medium removal prevented"),
            e(0x5D, 0x00, "failure prediction threshold exceeded"));

    private static Map.Entry<Integer, String> e(int asc, int ascq, String text) {
        return Map.entry(asc << 8 | ascq, text);
    }

    public static String keyName(int key) {
        return KEYS[key & 0x0F];
    }

    public static String ascText(int asc, int ascq) {
        String exact = ASC.get(asc << 8 | ascq);
        if (exact != null) {
            return exact;
        }
        String family = ASC.get(asc << 8);
        return family != null
                ? family + String.format(" (qualifier 0x%02X)", ascq)
                : String.format("additional sense 0x%02X/0x%02X", asc, ascq);
    }
}
