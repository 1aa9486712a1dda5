package dev.odflash.nativeio.linux;

import dev.odflash.transport.TransportException;
import dev.odflash.transport.TransportException.Kind;

/**
 * Linux errno values odflash meets on open() and ioctl(SG_IO) (asm-generic/errno-base.h and
 * errno.h; the same numbers on x86-64 and arm64) and what each means for a user, with the fix.
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int ENXIO = 6;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EBUSY = 16;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int ENOTTY = 25;
    /** EWOULDBLOCK is EAGAIN on Linux. */
    public static final int EWOULDBLOCK = EAGAIN;
    public static final int ELOOP = 40;
    public static final int EROFS = 30;
    public static final int ETIMEDOUT = 110;
    public static final int ENOMEDIUM = 123;

    private Errno() {
    }

    public static String name(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case EINTR -> "EINTR";
            case EIO -> "EIO";
            case ENXIO -> "ENXIO";
            case EAGAIN -> "EAGAIN";
            case ENOMEM -> "ENOMEM";
            case EACCES -> "EACCES";
            case EFAULT -> "EFAULT";
            case EBUSY -> "EBUSY";
            case ENODEV -> "ENODEV";
            case EINVAL -> "EINVAL";
            case ENOTTY -> "ENOTTY";
            case EROFS -> "EROFS";
            case ETIMEDOUT -> "ETIMEDOUT";
            case ENOMEDIUM -> "ENOMEDIUM";
            case ELOOP -> "ELOOP";
            default -> "errno " + errno;
        };
    }

    /**
     * A failed open() of a device node. {@code group} is the node's owning group ("cdrom" on Debian
     * and Ubuntu, "optical" on Arch), named in the permission advice.
     */
    public static TransportException open(String node, int errno, String group) {
        String what = node + ": open failed (" + name(errno) + ")";
        return switch (errno) {
            case EACCES, EPERM -> new TransportException(Kind.PERMISSION, what + ": no permission. "
                    + permissionAdvice(node, group), errno, null);
            case ENOENT, ENXIO, ENODEV -> new TransportException(Kind.NO_DEVICE, what
                    + ": no such device (`odflash list` shows the drives)", errno, null);
            case EBUSY -> new TransportException(Kind.BUSY, what + ": the drive is in use by another program"
                    + " (mounted, or opened exclusively by a burner or another odflash)", errno, null);
            case ENOMEDIUM -> new TransportException(Kind.OS_ERROR, what + ": no medium (open a /dev/sgN node instead,"
                    + " it needs none)", errno, null);
            default -> new TransportException(Kind.OS_ERROR, what, errno, null);
        };
    }

    /** A failed ioctl(SG_IO). {@code length} is the transfer size, for the EINVAL advice. */
    public static TransportException ioctl(String node, String command, int errno, long length) {
        String what = node + ": " + command + ": ioctl failed (" + name(errno) + ")";
        return switch (errno) {
            case ENOTTY -> new TransportException(Kind.NOT_SCSI, what + ": " + node + " is not a SCSI device"
                    + " (SG_IO works on /dev/sgN and /dev/srN)", errno, null);
            // the filter (docs/testing.md, "non-root matrix", checked by the kernel test): without CAP_SYS_RAWIO a
            // /dev/sgN opened read-write passes every command; /dev/srN and a read-only open refuse vendor ones
            case EPERM, EACCES -> new TransportException(Kind.PERMISSION, what + ": the kernel's SCSI command filter"
                    + " refused this command for a process without CAP_SYS_RAWIO; vendor and write commands pass only"
                    + " through the drive's /dev/sgN opened read-write (`odflash list` names it; the user needs read"
                    + " and write permission on it), or as root (sudo odflash ...)", errno, null);
            case EINVAL -> length > 4096
                    ? new TransportException(Kind.TRANSFER_TOO_LARGE, what + ": the OS refused the request; with "
                    + length + " bytes of data this means the transfer is larger than the adapter allows", errno, null)
                    : new TransportException(Kind.OS_ERROR, what + ": the OS refused the request as invalid", errno, null);
            case EBUSY -> new TransportException(Kind.BUSY, what + ": the drive is in use", errno, null);
            case ENOMEM -> new TransportException(Kind.TRANSFER_TOO_LARGE, what + ": the kernel could not allocate"
                    + " a buffer of " + length + " bytes", errno, null);
            case ENODEV, ENXIO -> new TransportException(Kind.NO_ANSWER, what + ": the drive went away"
                    + " (unplugged or reset)", errno, null);
            case EIO -> new TransportException(Kind.NO_ANSWER, what + ": I/O error, the drive did not answer",
                    errno, null);
            default -> new TransportException(Kind.OS_ERROR, what, errno, null);
        };
    }

    public static String permissionAdvice(String node, String group) {
        String g = group == null || group.isBlank() || group.equals("root") ? "cdrom" : group;
        return "Add yourself to the group that owns it and log in again: sudo usermod -aG " + g + " $USER;"
                + " or give that group access with a udev rule, e.g. /etc/udev/rules.d/60-odflash.rules:"
                + " SUBSYSTEM==\"scsi_generic\", ATTRS{type}==\"5\", GROUP=\"" + g + "\", MODE=\"0660\""
                + " (then: sudo udevadm control --reload && sudo udevadm trigger). Or run with sudo.";
    }
}
