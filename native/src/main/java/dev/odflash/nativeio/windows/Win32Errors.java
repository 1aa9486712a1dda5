package dev.odflash.nativeio.windows;

import dev.odflash.transport.TransportException;
import dev.odflash.transport.TransportException.Kind;

/** GetLastError values SPTI produces (winerror.h) and what each means for a user. */
public final class Win32Errors {
    public static final int ERROR_INVALID_FUNCTION = 1;
    public static final int ERROR_FILE_NOT_FOUND = 2;
    public static final int ERROR_PATH_NOT_FOUND = 3;
    public static final int ERROR_ACCESS_DENIED = 5;
    public static final int ERROR_NOT_READY = 21;
    public static final int ERROR_GEN_FAILURE = 31;
    public static final int ERROR_SHARING_VIOLATION = 32;
    public static final int ERROR_DEV_NOT_EXIST = 55;
    public static final int ERROR_INVALID_PARAMETER = 87;
    public static final int ERROR_SEM_TIMEOUT = 121;
    public static final int ERROR_IO_DEVICE = 1117;
    public static final int ERROR_INVALID_USER_BUFFER = 1784;

    private Win32Errors() {
    }

    public static TransportException map(String name, String call, int error, long length) {
        String what = name + ": " + call + " failed (Windows error " + error + ")";
        return switch (error) {
            case ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND, ERROR_DEV_NOT_EXIST -> new TransportException(
                    Kind.NO_DEVICE, what + ": no such drive (`odflash list` shows the drives)", error, null);
            case ERROR_ACCESS_DENIED -> new TransportException(Kind.PERMISSION, what + ": access denied; SCSI"
                    + " pass-through needs an administrator: run odflash from an elevated prompt", error, null);
            case ERROR_SHARING_VIOLATION -> new TransportException(Kind.BUSY, what + ": the drive is in use by"
                    + " another program (burning software, a media player, another odflash)", error, null);
            case ERROR_INVALID_FUNCTION -> new TransportException(Kind.NOT_SCSI, what + ": this device does not"
                    + " accept SCSI pass-through", error, null);
            case ERROR_INVALID_PARAMETER -> new TransportException(length > 4096 ? Kind.TRANSFER_TOO_LARGE
                    : Kind.OS_ERROR, what + ": the parameter is incorrect" + (length > 4096
                    ? " (a " + length + "-byte transfer is more than the adapter takes)" : ""), error, null);
            case ERROR_SEM_TIMEOUT -> new TransportException(Kind.TIMEOUT, what + ": the drive did not answer"
                    + " within the timeout", error, null);
            case ERROR_IO_DEVICE, ERROR_NOT_READY, ERROR_GEN_FAILURE -> new TransportException(Kind.NO_ANSWER,
                    what + ": the device did not complete the command", error, null);
            case ERROR_INVALID_USER_BUFFER -> new TransportException(Kind.BAD_BUFFER, what + ": incorrect user"
                    + " buffer (misaligned for the adapter's AlignmentMask; a bug in odflash, please report it)",
                    error, null);
            default -> new TransportException(Kind.OS_ERROR, what, error, null);
        };
    }
}
