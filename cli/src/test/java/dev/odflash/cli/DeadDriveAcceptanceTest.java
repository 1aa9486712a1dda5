package dev.odflash.cli;

import dev.odflash.chip.ChipTable;
import dev.odflash.drive.DriveFamily;
import dev.odflash.drive.DriveTable;
import dev.odflash.emulator.EmulatedDrives;
import dev.odflash.family.ChipPaths;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.DriveProbe;
import dev.odflash.ops.Failure;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;
import dev.odflash.transport.Device;
import dev.odflash.transport.DeviceClock;
import dev.odflash.transport.ForwardingDevice;
import dev.odflash.transport.ScsiTransport;
import dev.odflash.transport.TaskFile;
import dev.odflash.transport.TransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Safety rule 1's dead-drive acceptance (docs/architecture.md) on the register-level emulated CRW-5224A, which
 * decodes the task-file writes itself: its ATAPI side is cut off (every SCSI command fails, as on a drive the kernel
 * no longer lists), only its registers remain, as on a port: form. Each refusal is checked to have sent nothing or
 * written nothing to the flash (the emulator's image file is unchanged).
 */
class DeadDriveAcceptanceTest {
    @TempDir
    Path dir;

    /** The emulated drive with no ATAPI answer; every register access is counted. */
    static final class Dead extends ForwardingDevice {
        final List<String> accesses = new ArrayList<>();

        Dead(Device inner) {
            super(inner);
        }

        @Override
        public ScsiTransport scsi() {
            return ScsiTransport.unanswered("no ATAPI answer", inner().clock());
        }

        @Override
        public Optional<TaskFile> taskFile() {
            TaskFile tf = inner().taskFile().orElseThrow();
            return Optional.of(new TaskFile() {
                @Override
                public void write(Register register, int value) throws TransportException {
                    accesses.add("w " + register);
                    tf.write(register, value);
                }

                @Override
                public void command(int opcode) throws TransportException {
                    accesses.add("c " + opcode);
                    tf.command(opcode);
                }

                @Override
                public int status() throws TransportException {
                    accesses.add("s");
                    return tf.status();
                }

                @Override
                public int read(Register register) throws TransportException {
                    accesses.add("r " + register);
                    return tf.read(register);
                }

                @Override
                public DeviceClock clock() {
                    return tf.clock();
                }
            });
        }
    }

    private Path image;

    private String spec(String extra) throws Exception {
        image = dir.resolve("flash.bin");
        String s = "emu:asus-crw-5224a?image=" + image + extra;
        EmulatedDrives.open(s, ChipTable.builtIn()).close(); // writes the drive's default firmware to the file
        return s;
    }

    private record Outcome(Optional<DriveInfo> info, Optional<OdflashException> refusal, List<String> accesses) {
    }

    private Outcome probe(String spec, Optional<DriveFamily> family, Optional<String> chip) throws Exception {
        ChipTable chips = ChipTable.builtIn();
        try (Device emu = EmulatedDrives.open(spec, chips)) {
            Dead dead = new Dead(emu);
            Device withChannel = ChipPaths.attach(dead, chips);
            DriveProbe probe = new DriveProbe(chips, DriveTable.builtIn(), chip, OptionalLong.empty()).withFamily(family);
            try {
                return new Outcome(Optional.of(probe.probe(withChannel)), Optional.empty(), dead.accesses);
            } catch (OdflashException e) {
                return new Outcome(Optional.empty(), Optional.of(e), dead.accesses);
            }
        }
    }

    @Test
    void withoutTheFamilyNamedNothingIsSentToTheRegisters() throws Exception {
        String s = spec("");
        byte[] before = Files.readAllBytes(image);
        Outcome o = probe(s, Optional.empty(), Optional.empty());
        assertThat(o.refusal()).isPresent();
        assertThat(o.refusal().get().failure()).isInstanceOf(Failure.DeviceFailure.class); // no answer: exit 3
        assertThat(o.refusal().get().getMessage()).contains("does not answer ATAPI").contains(dev.odflash.ops.Choice.FAMILY_NAMED.mention() + " mtk8051")
                .contains("nothing was sent to its registers");
        assertThat(o.accesses()).isEmpty();
        assertThat(Files.readAllBytes(image)).isEqualTo(before);
    }

    @Test
    void withoutAVendorModeSignatureItIsADeviceFailureAndTheFlashIsUnchanged() throws Exception {
        String s = spec("&intro=never");
        byte[] before = Files.readAllBytes(image);
        Outcome o = probe(s, Optional.of(DriveFamily.MTK8051), Optional.empty());
        assertThat(o.refusal()).isPresent();
        assertThat(o.refusal().get().getMessage()).contains("no signature (0x70, 0x72 or 0x73)");
        assertThat(o.refusal().get().failure()).isInstanceOf(Failure.DeviceFailure.class); // exit 3, not a refusal
        assertThat(Files.readAllBytes(image)).isEqualTo(before);
    }

    @Test
    void anUnknownChipNotNamedIsRefusedAndTheFlashIsUnchanged() throws Exception {
        String s = spec("&chip=unknown");
        byte[] before = Files.readAllBytes(image);
        Outcome o = probe(s, Optional.of(DriveFamily.MTK8051), Optional.empty());
        assertThat(o.refusal()).isPresent();
        assertThat(o.refusal().get().failure()).isInstanceOfSatisfying(Failure.Refusal.class, r -> assertThat(r.gate()).isEqualTo(Gate.CHIP));
        assertThat(o.refusal().get().getMessage()).contains("identified or named chip");
        assertThat(o.accesses()).isNotEmpty(); // the intro and the ID request went out ...
        assertThat(Files.readAllBytes(image)).isEqualTo(before); // ... and nothing was written
    }

    @Test
    void withEverythingTheDriveIsAcceptedAndItsRulesComeFromTheFlashContents() throws Exception {
        String s = spec("");
        byte[] before = Files.readAllBytes(image);
        Outcome o = probe(s, Optional.of(DriveFamily.MTK8051), Optional.empty());
        assertThat(o.refusal()).as(o.refusal().map(Throwable::getMessage).orElse("")).isEmpty();
        DriveInfo info = o.info().orElseThrow();
        assertThat(info.deadDrive()).isTrue();
        assertThat(info.chip()).isPresent();
        assertThat(info.model()).get().satisfies(m -> {
            assertThat(m.family()).isEqualTo(DriveFamily.MTK8051);
            assertThat(m.displayName()).contains("CRW-5224A");
        });
        assertThat(info.inquiry().product()).contains("CRW-5224A"); // what the flash says, standing in for INQUIRY
        assertThat(info.notes()).anyMatch(n -> n.contains("dead-drive vendor mode"));
        assertThat(Files.readAllBytes(image)).isEqualTo(before);
    }
}
