package dev.odflash.family.mt19xx;

import dev.odflash.ops.Choice;
import dev.odflash.ops.FlashReader;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.RegionsRead;
import dev.odflash.ops.VerifiedRead;
import dev.odflash.protocol.Progress;
import dev.odflash.protocol.download.DownloadException;
import dev.odflash.transport.Device;
import dev.odflash.transport.TransportException;

import java.time.Duration;
import java.util.Optional;

/**
 * The MT19xx read path: READ BUFFER mode 6 over the whole flash, two passes that agree ({@link Mt19xxReader}).
 * A drive that refuses the whole range (docs/protocols.md §7.7) is a refusal naming {@link Choice#REGIONS_ONLY},
 * and {@link #regionsOnly()} reads the regions the sources read ({@link Mt19xxRegions}).
 */
final class Mt19xxFlashReader implements FlashReader {
    private final Device device;
    private final Mt19xxDownload mt19xx;
    private final int size;

    Mt19xxFlashReader(Device device, Mt19xxDownload mt19xx, int size) {
        this.device = device;
        this.mt19xx = mt19xx;
        this.size = size;
    }

    @Override
    public VerifiedRead read(Progress progress) throws OdflashException {
        Duration start = device.clock().elapsed();
        try {
            VerifiedRead r = Mt19xxReader.readTwice(mt19xx, size, progress);
            return new VerifiedRead(r.image(), r.sha256(), r.passes(), device.clock().elapsed().minus(start));
        } catch (TransportException e) {
            throw OdflashException.device(e.whoFailed() + " during the read: " + e.getMessage()
                    + "; nothing was written", e, "read");
        } catch (Mt19xxDownload.ReadRefused e) {
            throw wholeReadRefused(e);
        } catch (DownloadException e) {
            throw OdflashException.device("the drive refused to be read: " + e.getMessage(), e, "read");
        }
    }

    /** The refusal that names the regions-only choice (the CLI words it; core names no flag). */
    static OdflashException wholeReadRefused(Mt19xxDownload.ReadRefused e) {
        return OdflashException.refused(Gate.READ_PATH, "the drive refuses to have its whole flash read ("
                + e.getMessage() + "), so odflash cannot take a full backup; nothing was written."
                + " A regions-only backup (the boot config at 0x3000, the identity page at 0x1EC000 and the"
                + " calibration at 0x1F0000, each read twice) keeps what a flash would otherwise lose, but it can"
                + " never restore the drive", Choice.REGIONS_ONLY);
    }

    @Override
    public Optional<RegionsReader> regionsOnly() {
        return Optional.of(progress -> {
            Duration start = device.clock().elapsed();
            try {
                RegionsRead r = Mt19xxRegions.read(mt19xx, progress);
                return new RegionsRead(r.regions(), r.passes(), device.clock().elapsed().minus(start));
            } catch (TransportException e) {
                throw OdflashException.device("the drive stopped answering during the read of its regions: "
                        + e.getMessage() + "; nothing was written", e, "read");
            } catch (DownloadException e) {
                throw OdflashException.device("the drive refused to have even its regions read: " + e.getMessage()
                        + "; nothing was written", e, "read");
            }
        });
    }
}
