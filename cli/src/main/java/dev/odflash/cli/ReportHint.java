package dev.odflash.cli;

import dev.odflash.nativeio.NativeDevices;

/**
 * The last line of every error about a real drive (README "Reporting a problem"): the `odflash report`
 * command for that drive, quoted to paste as printed. Real drives are the one thing the project cannot test
 * on, so each failure on one asks for the archive that lets it be replayed.
 */
final class ReportHint {
    private ReportHint() {
    }

    /** Whether a device spec names a real drive (an OS node), not an emulated drive or a replayed trace. */
    static boolean isRealDrive(String spec) {
        return spec != null && (NativeDevices.isLinuxNode(spec) || NativeDevices.isWindowsName(spec));
    }

    /** The hint line for the drive {@code spec}. */
    static String line(String spec) {
        return "send `" + SuggestedCommand.of("report").option("--device", spec) + "` to help";
    }
}
