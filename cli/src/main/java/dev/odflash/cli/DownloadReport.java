package dev.odflash.cli;

import static dev.odflash.cli.TerminalText.visible;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.ops.flash.FlashResult;
import dev.odflash.ops.flash.Verification;
import dev.odflash.transport.Device;

import java.nio.file.Path;

/** `flash` output for download-style families. */
final class DownloadReport {
    private DownloadReport() {
    }

    static ObjectNode json(FlashResult r, Device d) {
        ObjectNode o = Output.object();
        o.put("dryRun", r.dryRun());
        o.put("family", r.family());
        o.put("fromVersion", r.fromVersion());
        o.put("toVersion", r.toVersion());
        o.put("streamedBytes", r.plan().bytesToWrite());
        o.put("verified", r.verified());
        o.put("verification", r.written().verification().word());
        o.put("perUnitDataKept", r.perUnitDataKept());
        o.put("backupFile", r.backupFile().map(Path::toString).orElse(null));
        if (d.clock().simulated()) {
            o.put("simulatedSeconds", r.deviceTime().toNanos() / 1e9);
        }
        return o;
    }

    static String text(FlashResult r, Device d) {
        if (r.dryRun()) {
            return String.format("Dry run: %s -> %s by %s download of %s%s. Nothing was sent.%n",
                    visible(r.fromVersion()), visible(r.toVersion()), r.family(), Sizes.human(r.plan().bytesToWrite()),
                    r.perUnitDataKept() ? " (the drive's config and calibration would be kept)" : "");
        }
        return String.format("Flashed and verified (%s): %s -> %s by %s download of %s in %s%s%n  backup: %s%n",
                switch (r.written().verification()) {
                    case READ_BACK -> "the flash read back equal";
                    case REGIONS -> "its readable regions read back equal and it restarted reporting " + visible(r.toVersion());
                    default -> "the drive restarted reporting " + visible(r.toVersion());
                }, visible(r.fromVersion()), visible(r.toVersion()), r.family(), Sizes.human(r.plan().bytesToWrite()),
                Sizes.seconds(r.deviceTime()), d.clock().simulated() ? " simulated device time" : "",
                r.backupFile().map(Path::toString).orElse("none (--without-backup)"));
    }
}
