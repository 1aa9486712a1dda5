package dev.odflash.nativeio.port;

import dev.odflash.nativeio.FakeIdeSysfs;
import dev.odflash.nativeio.IdeChannelScan;
import dev.odflash.nativeio.PortEnding;
import dev.odflash.nativeio.PortForm;
import dev.odflash.transport.TaskFile.Register;
import dev.odflash.transport.DeviceClock;
import dev.odflash.transport.TransportException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The whole port session against a fake sysfs, a fake /proc and an in-memory PIIX channel (QEMU's answers). */
class PortSessionTest {
    static final String FN = "0000:00:01.1";
    @TempDir
    Path root;
    FakeIdeSysfs fake;
    FakePiix piix = new FakePiix(0x170, 0x376);
    final List<String> events = new ArrayList<>();
    boolean comesBack = true;
    boolean unbindWorks = true;
    String inquiry = "QEMU QEMU DVD-ROM 2.5+";

    /** A clock that only moves when slept on, so the session's waits cost no real time. */
    static final class StepClock implements DeviceClock {
        Duration now = Duration.ZERO;

        @Override
        public Duration elapsed() {
            now = now.plusNanos(1000); // each look at the clock costs a microsecond, as a port access would
            return now;
        }

        @Override
        public void sleep(Duration d) {
            now = now.plus(d);
        }

        @Override
        public boolean simulated() {
            return true;
        }
    }

    @BeforeEach
    void tree() throws IOException {
        fake = new FakeIdeSysfs(root);
        fake.piix(FN);
        attach(1, 2);
        piix.atapi[0] = true;
    }

    private void attach(int firstAta, int secondAta) throws IOException {
        fake.ataPort(FN, firstAta, 1);
        fake.ataPort(FN, secondAta, 2);
        fake.device(FN, secondAta, secondAta - 1, 0, 5, "QEMU", "QEMU DVD-ROM", "sg" + secondAta, "sr0");
    }

    private void detach() throws IOException {
        Path dir = fake.sys().resolve("devices/pci0000:00").resolve(FN);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("ata")).toList()) {
                try (Stream<Path> w = Files.walk(p)) {
                    for (Path q : w.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(q);
                    }
                }
            }
        }
        Files.deleteIfExists(fake.sys().resolve("class/block/sr0"));
    }

    private PortEnvironment env() {
        dev.odflash.nativeio.PortMachine.Binder binder = new dev.odflash.nativeio.PortMachine.Binder() {
            @Override
            public void unbind(String function) throws IOException {
                events.add("unbind " + function);
                if (unbindWorks) {
                    fake.unbind(function);
                    detach();
                }
            }

            @Override
            public void bind(String function, String driver) throws IOException {
                events.add("bind " + function + " " + driver);
                fake.bind(function, driver);
                if (comesBack) {
                    attach(3, 4); // libata numbers the ports anew on every bind
                }
            }
        };
        return new PortEnvironment(fake.sys(), fake.proc(), fake.devPort(), binder, c -> {
            events.add("open ports " + Integer.toHexString(c.commandBase()));
            return piix;
        }, node -> {
            events.add("inquiry " + node);
            if (inquiry == null) {
                throw new TransportException(TransportException.Kind.NO_ANSWER, "no answer");
            }
            return inquiry;
        }, new StepClock());
    }

    /**
     * The generic intro as the vendor mode sends it (docs/protocols.md §2.6.2: SN = 0x2A read back, Command 0x80,
     * Status polled); core's own intro is tested on the emulated drive and end to end in the CLI and kernel tests.
     */
    private static int intro(PortTaskFile tf) throws TransportException {
        tf.write(Register.DEVICE, 0xA0);
        tf.write(Register.SECTOR_NUMBER, 0x2A);
        assertThat(tf.read(Register.SECTOR_NUMBER)).isEqualTo(0x2A);
        tf.command(0x80);
        return tf.status();
    }

    private PortSession session(String spec) throws Exception {
        return new PortSession(PortForm.resolve(spec, IdeChannelScan.scan(fake.sys())), env());
    }

    @Test
    void qemusRefusalIsNotVendorModeAndTheDriveIsResetRebound_andAnswersAgain() throws Exception {
        PortSession s = session("port:/dev/sg2");
        PortTaskFile tf = s.begin();
        assertThat(events).containsExactly("unbind " + FN, "open ports 170");
        assertThat(piix.deviceControl).isEqualTo(0x02); // nIEN for the session
        assertThat(intro(tf)).isEqualTo(0x41);
        PortEnding end = s.end();
        assertThat(end.problem()).isEmpty();
        assertThat(end.answersAgain()).isTrue();
        assertThat(String.join("\n", end.verified()))
                .contains("unbound from ata_piix; sysfs shows no driver bound")
                .contains("Command register writes: 0x80\n")
                .contains("Command 0x80 answered with Status 0x41, Error 0x04 (ABRT: the drive aborted the command)")
                .contains("Status 0x41, Error 0x04 (ABRT")
                .contains("LBA mid/high 0x14/0xEB (the ATAPI signature)")
                .contains(FN + " bound to ata_piix again")
                .contains("found again at 3:0:0:0 on ata4 as /dev/sg4")
                .contains("INQUIRY through SG_IO answers: QEMU QEMU DVD-ROM");
        assertThat(events).containsSubsequence("unbind " + FN, "open ports 170", "bind " + FN + " ata_piix", "inquiry /dev/sg4");
        assertThat(piix.closed).isTrue();
        assertThat(piix.deviceControl).isEqualTo(0x00);
        assertThat(end.verified()).anyMatch(v -> v.startsWith("after 1 command(s)")); // the intro, counted before the reset
        assertThat(piix.log).containsSubsequence("out 376=02", "out 173=2A", "in 173=2A", "out 177=80", "in 177=41",
                "in 171=04", "out 177=08", "in 174=14", "in 175=EB", "out 376=00");
        assertThat(piix.log).doesNotContain("out 173=2E");
        assertThat(piix.log).noneMatch(l -> l.startsWith("out 170=") || l.startsWith("in 170="));
    }

    @Test
    void aRawDiskHeldOpenOnTheFunctionIsRefusedBeforeAnyUnbindOrPort() throws Exception {
        fake.device(FN, 1, 0, 0, 0, "ATA", "QEMU HARDDISK", "sg0", "sda");
        fake.openBy(4242, "sleep", "/dev/sda");
        PortSession s = session("port:/dev/sg2");
        assertThatThrownBy(s::begin).isInstanceOf(TransportException.class)
                .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(TransportException.Kind.BUSY))
                .hasMessageContaining("refused to unbind " + FN).hasMessageContaining("nothing was touched")
                .hasMessageContaining("/dev/sda is open in process 4242 (sleep)");
        assertThat(events).isEmpty();
        assertThat(piix.log).isEmpty();
        assertThat(s.end().verified()).isEmpty();
        assertThat(events).isEmpty(); // nothing to rebind: it was never unbound
    }

    @Test
    void aFunctionStillBoundAfterTheUnbindIsRefusedAndNoPortIsTouched() throws Exception {
        unbindWorks = false;
        PortSession s = session("port:/dev/sg2");
        assertThatThrownBy(s::begin).hasMessageContaining("still bound to ata_piix").hasMessageContaining("no port");
        assertThat(piix.log).isEmpty();
        assertThat(events).doesNotContain("open ports 170");
    }

    @Test
    void withoutPortAccessNothingIsTouched() throws Exception {
        fake.capabilities("0000000000000000", 1000);
        PortSession s = session("port:/dev/sg2");
        assertThatThrownBy(s::begin).isInstanceOf(TransportException.class)
                .hasMessageContaining("no port access").hasMessageContaining("run as root");
        assertThat(events).isEmpty();
        assertThat(piix.log).isEmpty();
    }

    @Test
    void aDriveThatDoesNotComeBackIsAProblem() throws Exception {
        comesBack = false;
        PortSession s = session("port:/dev/sg2");
        s.begin();
        PortEnding end = s.end();
        assertThat(end.answersAgain()).isFalse();
        assertThat(end.problem()).get().asString().contains("did not appear again");
        assertThat(end.verified()).anyMatch(v -> v.contains("ATAPI signature"));
    }

    @Test
    void aDriveThatDoesNotAnswerInquiryIsAProblem() throws Exception {
        inquiry = null;
        PortSession s = session("port:/dev/sg2");
        s.begin();
        PortEnding end = s.end();
        assertThat(end.answersAgain()).isFalse();
        assertThat(end.problem()).get().asString().contains("INQUIRY through SG_IO on /dev/sg4 failed");
    }

    @Test
    void theSlavePositionKeepsTheDevBitInEveryDeviceWrite() throws Exception {
        PortSession s = session("port:4");
        PortTaskFile tf = s.begin();
        piix.atapi[1] = true;
        assertThat(intro(tf)).isEqualTo(0x41);
        assertThat(piix.log).filteredOn(l -> l.startsWith("out 176=")).isNotEmpty()
                .allMatch(l -> (Integer.parseInt(l.substring(8), 16) & 0x10) != 0);
        s.end();
    }
}
