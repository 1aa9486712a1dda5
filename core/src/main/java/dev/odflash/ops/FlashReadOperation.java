package dev.odflash.ops;

import dev.odflash.protocol.Progress;
import dev.odflash.drive.DriveFamily;
import dev.odflash.protocol.download.CommandRunner;
import dev.odflash.protocol.download.DownloadException;
import dev.odflash.protocol.download.Mt19xxDownload;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.Device;
import dev.odflash.transport.TransportException;

import java.time.Duration;
import java.util.Arrays;

/**
 * Reads the flash of a chip-style drive until two passes agree (safety rule 2: "two reads that
 * agree"). A disagreement earns one more pass; if no two passes agree the read fails, since a
 * flaky link would make any backup worthless.
 */
public final class FlashReadOperation {
    private static final int MAX_PASSES = 3;

    private FlashReadOperation() {
    }

    public static VerifiedRead read(Device device, DriveInfo info, Progress progress) throws OdflashException {
        if (info.family().filter(f -> f == DriveFamily.MT19XX).isPresent()) {
            return readMt19xx(device, info, progress);
        }
        ChipChannel channel = device.chipChannel().orElseThrow(() -> OdflashException.refused(Gate.READ_PATH,
                "no read path to this drive's flash: " + Capabilities.backupUnavailableReason(info, device)));
        long size = info.flashSize().orElseThrow(() -> OdflashException.refused(Gate.SIZE,
                "flash size unknown: the chip was not identified")).bytes();
        Duration start = device.clock().elapsed();
        byte[][] passes = new byte[MAX_PASSES][];
        int pass = 0;
        try {
            channel.enter();
            try {
                while (pass < MAX_PASSES) {
                    passes[pass] = ChipReader.readAll(channel, size, pass + 1, progress);
                    pass++;
                    for (int earlier = 0; earlier < pass - 1; earlier++) {
                        if (Arrays.equals(passes[earlier], passes[pass - 1])) {
                            Duration took = device.clock().elapsed().minus(start);
                            return VerifiedRead.of(passes[pass - 1], pass, took);
                        }
                    }
                }
            } finally {
                leaveQuietly(channel);
            }
        } catch (TransportException e) {
            throw OdflashException.device("the drive stopped answering during read pass " + (pass + 1) + ": "
                    + e.getMessage() + "; nothing was written", e, "read");
        }
        throw OdflashException.device(MAX_PASSES + " read passes all disagree (first difference at 0x"
                + Long.toHexString(Arrays.mismatch(passes[0], passes[1])) + "): the link or the drive is unreliable;"
                + " no backup was written", null, "read");
    }

    /** MT19xx drives read their flash with READ BUFFER mode 6 (CM); the redumper CDB form is the default. */
    private static VerifiedRead readMt19xx(Device device, DriveInfo info, Progress progress) throws OdflashException {
        long size = info.flashSize().orElseThrow().bytes();
        Duration start = device.clock().elapsed();
        var mt19xx = new Mt19xxDownload(new CommandRunner(device.scsi()), Mt19xxDownload.Variant.REDUMPER);
        try {
            VerifiedRead r = Mt19xxReader.readTwice(mt19xx, (int) size, progress);
            return new VerifiedRead(r.image(), r.sha256(), r.passes(), device.clock().elapsed().minus(start));
        } catch (TransportException e) {
            throw OdflashException.device("the drive stopped answering during the read: " + e.getMessage()
                    + "; nothing was written", e, "read");
        } catch (DownloadException e) {
            throw OdflashException.device("the drive refused to be read: " + e.getMessage(), e, "read");
        }
    }

    private static void leaveQuietly(ChipChannel channel) {
        try {
            channel.leave();
        } catch (TransportException ignored) {
            // the read already failed or finished; the drive resets on the next power cycle anyway
        }
    }
}
