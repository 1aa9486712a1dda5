package dev.odflash.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.emulator.chip.FlashChipModel;
import dev.odflash.emulator.EmulatedDrive;
import dev.odflash.transport.Device;
import dev.odflash.transport.ForwardingDevice;

import java.util.Optional;

/**
 * What the emulated chip saw, reported with --json for emulated drives: write commands that reached
 * it and write-model violations ("programmed without erase"), so users and tests can check a plan
 * honoured the datasheet's write granularity.
 */
final class EmulatorCounters {
    private EmulatorCounters() {
    }

    static Optional<ObjectNode> of(Device device) {
        Device d = ForwardingDevice.innermost(device); // under the trace, channel, hook and transfer-limit layers
        if (!(d instanceof EmulatedDrive drive)) {
            return Optional.empty();
        }
        FlashChipModel chip = drive.chipModel();
        return Optional.of(Output.object().put("chip", chip.spec().name()).put("writeCommands", drive.writeCommands())
                .put("erases", chip.erases()).put("programs", chip.programs()).put("violations", chip.violations())
                .put("rejectedCommands", chip.rejectedCommands()));
    }
}
