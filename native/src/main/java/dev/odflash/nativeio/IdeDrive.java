package dev.odflash.nativeio;

import java.util.List;
import java.util.Optional;

/**
 * A device the kernel attached on an IDE channel: its position (the SCSI target id libata gives a PATA device:
 * 0 master, 1 slave), its SCSI address, and its nodes.
 *
 * @param position   0 master, 1 slave
 * @param address    SCSI H:C:T:L
 * @param ataPort    "ata2": the libata port (its number changes when the function is rebound)
 * @param type       SCSI peripheral type (5 optical, 0 disk)
 * @param genericNode /dev/sgN, when the sg driver is loaded
 * @param blockNode  /dev/srN or /dev/sdX, when a block driver is bound
 * @param partitions the block node's partitions ("sda1"), which must be unused too
 */
public record IdeDrive(int position, String address, String ataPort, int type, String vendor, String model,
                       Optional<String> genericNode, Optional<String> blockNode, List<String> partitions) {
    public IdeDrive {
        partitions = List.copyOf(partitions);
    }

    public String positionName() {
        return position == 0 ? "master" : "slave";
    }
}
