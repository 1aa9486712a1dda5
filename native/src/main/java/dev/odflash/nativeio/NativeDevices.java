package dev.odflash.nativeio;

import dev.odflash.nativeio.linux.LinuxDrive;
import dev.odflash.nativeio.windows.WindowsDrive;
import dev.odflash.transport.Device;
import dev.odflash.transport.TransportException;
import dev.odflash.transport.TransportException.Kind;

import java.nio.file.Path;
import java.util.Map;

/** Opens a real drive from its OS name: /dev/sgN, /dev/srN (Linux) or \\.\CdRomN (Windows). */
public final class NativeDevices {
    private NativeDevices() {
    }

    public static boolean isLinuxNode(String spec) {
        return spec.startsWith("/dev/");
    }

    public static boolean isWindowsName(String spec) {
        return spec.startsWith("\\\\.\\");
    }

    public static Device open(String spec, Map<String, String> env) throws TransportException {
        if (isLinuxNode(spec)) {
            if (Platform.current() != Platform.LINUX) {
                throw new TransportException(Kind.NO_DEVICE, spec + ": /dev nodes are opened through Linux SG_IO,"
                        + " and this is " + System.getProperty("os.name"));
            }
            return LinuxDrive.open(spec, Path.of("/sys"));
        }
        if (isWindowsName(spec)) {
            if (Platform.current() != Platform.WINDOWS) {
                throw new TransportException(Kind.NO_DEVICE, spec + ": \\\\.\\CdRomN names are opened through"
                        + " Windows SPTI, and this is " + System.getProperty("os.name") + " (use /dev/sgN here)");
            }
            return WindowsDrive.open(spec);
        }
        throw new TransportException(Kind.NO_DEVICE, spec + " is not an OS device name");
    }
}
