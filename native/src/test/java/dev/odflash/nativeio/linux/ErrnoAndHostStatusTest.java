package dev.odflash.nativeio.linux;

import dev.odflash.transport.TransportException;
import dev.odflash.transport.TransportException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ErrnoAndHostStatusTest {
    @ParameterizedTest
    @CsvSource({"1, PERMISSION", "13, PERMISSION", "2, NO_DEVICE", "6, NO_DEVICE", "19, NO_DEVICE", "16, BUSY",
        "123, OS_ERROR", "5, OS_ERROR"})
    void openErrors(int errno, Kind kind) {
        TransportException e = Errno.open("/dev/sg0", errno, "cdrom");
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.osError()).isEqualTo(errno);
        assertThat(e.getMessage()).startsWith("/dev/sg0: open failed (" + Errno.name(errno) + ")");
    }

    @Test
    void permissionNamesTheGroupAndTheUdevRule() {
        String m = Errno.open("/dev/sg0", Errno.EACCES, "optical").getMessage();
        assertThat(m).contains("usermod -aG optical").contains("/etc/udev/rules.d/60-odflash.rules")
                .contains("GROUP=\"optical\"").contains("ATTRS{type}==\"5\"").contains("sudo");
        assertThat(Errno.open("/dev/sg0", Errno.EPERM, "").getMessage()).contains("usermod -aG cdrom");
    }

    @Test
    void busyAtOpenSaysInUse() {
        assertThat(Errno.open("/dev/sr0", Errno.EBUSY, "cdrom").getMessage()).contains("in use");
    }

    @ParameterizedTest
    @CsvSource({"25, 36, NOT_SCSI", "1, 36, PERMISSION", "13, 36, PERMISSION", "22, 131072, TRANSFER_TOO_LARGE",
        "22, 36, OS_ERROR", "16, 36, BUSY", "12, 1048576, TRANSFER_TOO_LARGE", "19, 0, NO_ANSWER", "6, 0, NO_ANSWER",
        "5, 0, NO_ANSWER", "110, 0, OS_ERROR"})
    void ioctlErrors(int errno, long length, Kind kind) {
        TransportException e = Errno.ioctl("/dev/sg0", "INQUIRY", errno, length);
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.osError()).isEqualTo(errno);
    }

    @Test
    void ioctlTextsSayWhatToDo() {
        assertThat(Errno.ioctl("/dev/null", "INQUIRY", Errno.ENOTTY, 0).getMessage()).contains("is not a SCSI device");
        assertThat(Errno.ioctl("/dev/sr0", "WRITE BUFFER", Errno.EPERM, 0).getMessage())
                .contains("CAP_SYS_RAWIO", "/dev/sgN opened read-write");
        assertThat(Errno.ioctl("/dev/sg0", "READ", Errno.EINVAL, 1 << 20).getMessage()).contains("larger than the adapter");
        assertThat(Errno.ioctl("/dev/sg0", "TUR", Errno.EBUSY, 0).getMessage()).contains("in use");
    }

    @ParameterizedTest
    @CsvSource({"1, NO_ANSWER, DID_NO_CONNECT", "2, BUSY, DID_BUS_BUSY", "3, TIMEOUT, DID_TIME_OUT",
        "4, NO_ANSWER, DID_BAD_TARGET", "5, TIMEOUT, DID_ABORT", "6, OS_ERROR, DID_PARITY", "7, OS_ERROR, DID_ERROR",
        "8, OS_ERROR, DID_RESET", "9, OS_ERROR, DID_BAD_INTR", "10, OS_ERROR, DID_PASSTHROUGH",
        "11, BUSY, DID_SOFT_ERROR", "12, BUSY, DID_IMM_RETRY", "13, BUSY, DID_REQUEUE",
        "14, OS_ERROR, DID_TRANSPORT_DISRUPTED", "15, NO_ANSWER, DID_TRANSPORT_FAILFAST", "99, OS_ERROR, host status 0x63"})
    void everyHostStatusIsAnExceptionWithItsName(int host, Kind kind, String name) {
        TransportException e = HostStatus.failure("/dev/sg0", "INQUIRY", host, 0).orElseThrow();
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.getMessage()).contains(name).startsWith("/dev/sg0: INQUIRY: ");
    }

    @Test
    void didErrorExplainsGroup7AndBridges() {
        assertThat(HostStatus.hostText(HostStatus.DID_ERROR)).contains("group-7").contains("USB bridge");
    }

    @ParameterizedTest
    @CsvSource({"1, BUSY", "2, OS_ERROR", "3, OS_ERROR", "4, OS_ERROR", "5, OS_ERROR", "6, TIMEOUT", "7, OS_ERROR"})
    void driverStatusWithoutHostStatus(int driver, Kind kind) {
        assertThat(HostStatus.failure("/dev/sg0", "X", 0, driver).orElseThrow().kind()).isEqualTo(kind);
        assertThat(HostStatus.driverText(driver)).startsWith("DRIVER_");
    }

    @Test
    void okAndSenseAreNotFailures() {
        assertThat(HostStatus.failure("/dev/sg0", "X", 0, HostStatus.DRIVER_OK)).isEmpty();
        assertThat(HostStatus.failure("/dev/sg0", "X", 0, HostStatus.DRIVER_SENSE)).isEmpty();
        assertThat(HostStatus.failure("/dev/sg0", "X", 0, 0x18)).isEmpty(); // SUGGEST bits in the high nibble
    }
}
