package dev.odflash.family;

import dev.odflash.transport.ForwardingDevice;
import dev.odflash.chip.ChipTable;
import dev.odflash.family.mtk8051.VendorModePaths;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.Device;
import dev.odflash.transport.ScsiTransport;
import dev.odflash.transport.trace.TracingDevice;

import java.util.Optional;

/**
 * Gives a drive whose path reaches its task-file registers the host's vendor-mode chip channel (docs/protocols.md
 * §2.6), so backup, status, the planner, the journal and verify run on it unchanged. A traced drive's channel is
 * traced at chip level too.
 */
public final class ChipPaths {
    private ChipPaths() {
    }

    /**
     * Whether a family's vendor mode goes over the drive's task-file registers, so a path reaching them (the port
     * path, issue 14 §3) serves it: the 8051-era MTK family only.
     */
    public static boolean overTaskFile(dev.odflash.drive.DriveFamily family) {
        return family == dev.odflash.drive.DriveFamily.MTK8051;
    }

    public static Device attach(Device device, ChipTable chips) {
        return attach(device, chips, dev.odflash.transport.UserActions.NONE);
    }

    /** With a view that can ask the user for what only they can do (power-cycle the drive). */
    public static Device attach(Device device, ChipTable chips, dev.odflash.transport.UserActions user) {
        if (device.chipChannel().isPresent() || device.taskFile().isEmpty()) {
            return device;
        }
        ChipChannel channel = VendorModePaths.channel(device.taskFile().get(), chips, user);
        if (device instanceof TracingDevice traced) {
            channel = traced.traceChip(channel);
        }
        return new WithChannel(device, channel);
    }

    /** A drive with a chip channel built on its registers. */
    public static final class WithChannel extends ForwardingDevice {
        private final Optional<ChipChannel> channel;

        WithChannel(Device inner, ChipChannel channel) {
            super(inner);
            this.channel = Optional.of(channel);
        }



        @Override
        public ScsiTransport scsi() {
            return inner().scsi();
        }

        @Override
        public Optional<ChipChannel> chipChannel() {
            return channel;
        }







    }
}
