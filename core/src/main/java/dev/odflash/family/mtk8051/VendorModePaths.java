package dev.odflash.family.mtk8051;

import dev.odflash.chip.ChipTable;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.TaskFile;

/** Builds the host's vendor-mode chip channel on a drive's task-file registers (docs/protocols.md §2.6). */
public final class VendorModePaths {
    private VendorModePaths() {
    }

    public static ChipChannel channel(TaskFile registers, ChipTable chips) {
        return channel(registers, chips, dev.odflash.transport.UserActions.NONE);
    }

    /** With a view that can ask the user (to power-cycle the drive when the intro is not taken). */
    public static ChipChannel channel(TaskFile registers, ChipTable chips, dev.odflash.transport.UserActions user) {
        return new VendorChipChannel(registers, chips, user);
    }
}
