package dev.odflash.nativeio.linux;

import dev.odflash.transport.TransportException;
import dev.odflash.transport.TransportException.Kind;

import java.util.Optional;

/**
 * The {@code host_status} and {@code driver_status} bytes of an sg_io_hdr reply, named as in the
 * kernel's {@code include/scsi/scsi_status.h} (DID_*) and {@code <scsi/sg.h>} / the sg HOWTO
 * (DRIVER_*, low nibble; the high nibble holds SUGGEST_* bits). A non-zero host status means the
 * command did not complete at the device; it becomes a {@link TransportException}.
 */
public final class HostStatus {
    public static final int DID_OK = 0x00;
    public static final int DID_NO_CONNECT = 0x01;
    public static final int DID_BUS_BUSY = 0x02;
    public static final int DID_TIME_OUT = 0x03;
    public static final int DID_BAD_TARGET = 0x04;
    public static final int DID_ABORT = 0x05;
    public static final int DID_PARITY = 0x06;
    public static final int DID_ERROR = 0x07;
    public static final int DID_RESET = 0x08;
    public static final int DID_BAD_INTR = 0x09;
    public static final int DID_PASSTHROUGH = 0x0a;
    public static final int DID_SOFT_ERROR = 0x0b;
    public static final int DID_IMM_RETRY = 0x0c;
    public static final int DID_REQUEUE = 0x0d;
    public static final int DID_TRANSPORT_DISRUPTED = 0x0e;
    public static final int DID_TRANSPORT_FAILFAST = 0x0f;

    public static final int DRIVER_OK = 0x00;
    public static final int DRIVER_BUSY = 0x01;
    public static final int DRIVER_SOFT = 0x02;
    public static final int DRIVER_MEDIA = 0x03;
    public static final int DRIVER_ERROR = 0x04;
    public static final int DRIVER_INVALID = 0x05;
    public static final int DRIVER_TIMEOUT = 0x06;
    public static final int DRIVER_HARD = 0x07;
    public static final int DRIVER_SENSE = 0x08;

    private HostStatus() {
    }

    public static String hostText(int host) {
        return switch (host) {
            case DID_OK -> "DID_OK";
            case DID_NO_CONNECT -> "DID_NO_CONNECT: could not connect to the device (unplugged or powered off?)";
            case DID_BUS_BUSY -> "DID_BUS_BUSY: the bus stayed busy";
            case DID_TIME_OUT -> "DID_TIME_OUT: the drive did not answer within the timeout";
            case DID_BAD_TARGET -> "DID_BAD_TARGET: no such target on the bus";
            case DID_ABORT -> "DID_ABORT: the command was aborted (often after a timeout)";
            case DID_PARITY -> "DID_PARITY: parity error on the bus";
            case DID_ERROR -> "DID_ERROR: the host adapter or its driver refused or failed the command (libata"
                    + " rejects e.g. a 6-byte CDB with a group-7 opcode; a USB bridge may drop vendor commands)";
            case DID_RESET -> "DID_RESET: the bus or device was reset";
            case DID_BAD_INTR -> "DID_BAD_INTR: unexpected interrupt";
            case DID_PASSTHROUGH -> "DID_PASSTHROUGH: forced through the low-level driver";
            case DID_SOFT_ERROR -> "DID_SOFT_ERROR: the low-level driver asks for a retry";
            case DID_IMM_RETRY -> "DID_IMM_RETRY: retry without decrementing the retry count";
            case DID_REQUEUE -> "DID_REQUEUE: requeue the command";
            case DID_TRANSPORT_DISRUPTED -> "DID_TRANSPORT_DISRUPTED: the transport was disrupted";
            case DID_TRANSPORT_FAILFAST -> "DID_TRANSPORT_FAILFAST: the transport failed (link down)";
            default -> String.format("host status 0x%02X", host);
        };
    }

    public static String driverText(int driver) {
        return switch (driver & 0x0F) {
            case DRIVER_OK -> "DRIVER_OK";
            case DRIVER_BUSY -> "DRIVER_BUSY";
            case DRIVER_SOFT -> "DRIVER_SOFT";
            case DRIVER_MEDIA -> "DRIVER_MEDIA";
            case DRIVER_ERROR -> "DRIVER_ERROR: the driver failed the command";
            case DRIVER_INVALID -> "DRIVER_INVALID: the driver found the request invalid";
            case DRIVER_TIMEOUT -> "DRIVER_TIMEOUT: the driver timed the command out";
            case DRIVER_HARD -> "DRIVER_HARD: hard error in the driver";
            case DRIVER_SENSE -> "DRIVER_SENSE: sense data is available";
            default -> String.format("driver status 0x%02X", driver);
        };
    }

    /** True when host and driver status say the command reached the device and came back (no failure). */
    public static boolean ok(int host, int driver) {
        int d = driver & 0x0F;
        return host == DID_OK && (d == DRIVER_OK || d == DRIVER_SENSE);
    }

    /**
     * The exception a reply stands for, if any. A CHECK CONDITION with sense (driver status
     * DRIVER_SENSE) is a result, not an exception; so is any reply with host and driver status OK.
     */
    public static Optional<TransportException> failure(String node, String command, int host, int driver) {
        int d = driver & 0x0F;
        if (ok(host, driver)) {
            return Optional.empty();
        }
        String prefix = node + ": " + command + ": ";
        if (host == DID_OK) {
            Kind kind = d == DRIVER_TIMEOUT ? Kind.TIMEOUT : d == DRIVER_BUSY ? Kind.BUSY : Kind.OS_ERROR;
            return Optional.of(new TransportException(kind, prefix + driverText(driver)));
        }
        Kind kind = switch (host) {
            case DID_TIME_OUT, DID_ABORT -> Kind.TIMEOUT;
            case DID_NO_CONNECT, DID_BAD_TARGET, DID_TRANSPORT_FAILFAST -> Kind.NO_ANSWER;
            case DID_BUS_BUSY, DID_REQUEUE, DID_IMM_RETRY, DID_SOFT_ERROR -> Kind.BUSY;
            default -> Kind.OS_ERROR;
        };
        String text = prefix + hostText(host) + (d == DRIVER_OK ? "" : "; " + driverText(driver));
        return Optional.of(new TransportException(kind, text));
    }
}
