package dev.odflash.ops.status;

import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.FlashReadOperation;
import dev.odflash.ops.OdflashException;
import dev.odflash.protocol.Progress;
import dev.odflash.ops.VerifiedRead;
import dev.odflash.ops.flash.Comparison;
import dev.odflash.transport.Device;

/** `verify`: the drive's flash (two agreeing reads) against a file, with the differing ranges. */
public final class VerifyOperation {
    private VerifyOperation() {
    }

    public static Comparison run(Device device, DriveInfo info, byte[] image, Progress progress) throws OdflashException {
        info.requireVendorMode(); // before the size: without the vendor mode there is none to compare
        long size = info.flashSize().map(s -> s.bytes()).orElse(-1L);
        if (size != image.length) {
            throw OdflashException.mismatch("the file holds " + image.length
                    + " bytes, the drive's flash " + size + "; they cannot match");
        }
        VerifiedRead read = FlashReadOperation.read(device, info, progress);
        return Comparison.of(read.image(), image);
    }
}
