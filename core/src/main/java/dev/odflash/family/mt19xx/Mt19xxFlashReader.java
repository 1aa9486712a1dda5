package dev.odflash.family.mt19xx;

import dev.odflash.ops.FlashReader;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.VerifiedRead;
import dev.odflash.protocol.Progress;
import dev.odflash.protocol.download.DownloadException;
import dev.odflash.transport.Device;
import dev.odflash.transport.TransportException;

import java.time.Duration;

/** The MT19xx read path: READ BUFFER mode 6 over the whole flash, two passes that agree ({@link Mt19xxReader}). */
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
        } catch (DownloadException e) {
            throw OdflashException.device("the drive refused to be read: " + e.getMessage(), e, "read");
        }
    }
}
