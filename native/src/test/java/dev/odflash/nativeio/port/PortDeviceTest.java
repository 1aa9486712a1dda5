package dev.odflash.nativeio.port;

import dev.odflash.nativeio.FakeIdeSysfs;
import dev.odflash.nativeio.IdeChannelScan;
import dev.odflash.nativeio.PortDevices;
import dev.odflash.nativeio.PortForm;
import dev.odflash.transport.Device;
import dev.odflash.transport.DeviceClock;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.TransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A port device on a position the kernel lists nothing at: the function's lock, no SCSI path, nothing touched. */
class PortDeviceTest {
    static final String FN = "0000:00:01.1";

    @Test
    void aDeadPositionHasNoScsiPathAndTheFunctionIsLockedForTheRun(@TempDir Path root) throws Exception {
        FakeIdeSysfs fake = new FakeIdeSysfs(root);
        fake.piix(FN);
        FakePiix piix = new FakePiix(0x1F0, 0x3F6);
        PortForm.Resolved target = PortForm.resolve("port:1", IdeChannelScan.scan(fake.sys()));
        PortEnvironment env = new PortEnvironment(fake.sys(), fake.proc(), fake.devPort(),
                new dev.odflash.nativeio.PortMachine.SysfsBinder(fake.sys()), c -> piix, node -> "x", DeviceClock.wall());
        try (Device d = PortDevices.open(target, env)) {
            assertThatThrownBy(() -> d.scsi().execute(ScsiRequest.noData(new byte[6])))
                    .isInstanceOf(TransportException.class).hasMessageContaining("the kernel lists no drive");
            assertThat(d.acquireExclusive().describe()).contains("the IDE function " + FN + " is locked");
            assertThatThrownBy(() -> PortDevices.open(target, env)).isInstanceOf(TransportException.class)
                    .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(TransportException.Kind.BUSY))
                    .hasMessageContaining("is in use");
            assertThat(d.taskFile()).isPresent();
        }
        assertThat(piix.log).isEmpty(); // opening and closing touched no port
        try (Device again = PortDevices.open(target, env)) { // the lock went with the close
            assertThat(PortDevices.ending(again)).isEmpty();
        }
    }
}
