package dev.odflash.family.mtk8051;

import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTable;
import dev.odflash.drive.DriveFamily;
import dev.odflash.drive.DriveModel;
import dev.odflash.drive.DriveTable;
import dev.odflash.family.ImageIdentifier;
import dev.odflash.image.ImageReport;
import dev.odflash.ops.Choice;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.FlashSize;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;
import dev.odflash.protocol.InquiryData;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.Device;
import dev.odflash.transport.JedecId;
import dev.odflash.transport.TransportException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A drive reached over its task-file registers (a port: form) that no longer answers ATAPI: INQUIRY failed or the
 * kernel lists no node for it. Safety rule 1 (docs/architecture.md) accepts it only with the family named as mtk8051,
 * a vendor-mode signature (0x70/0x72/0x73, docs/protocols.md §2.6.2), an identified or named chip, and a two-pass
 * vendor-mode backup before any write (the flash's backup gate, rule 2, held to the in-run two-pass read by
 * {@link DriveInfo#deadDrive()}). The model, boot region and per-unit rules then come from the flash's own contents,
 * identified as {@code identify} does, or from a rules source the caller names (the seam for a drive-table row
 * named on the command line).
 */
public final class DeadDriveProbe {
    private final ChipTable chips;
    private final DriveTable drives;
    private final Optional<String> chipOverride;

    public DeadDriveProbe(ChipTable chips, DriveTable drives, Optional<String> chipOverride) {
        this.chips = chips;
        this.drives = drives;
        this.chipOverride = chipOverride;
    }

    /**
     * @param named      the family named on the command line (must be mtk8051)
     * @param rulesRow   the drive-table row the user named (Choice.MODEL_NAMED), whose rules apply when the contents
     *                   name none; it must be an mtk8051 row
     * @param atapiFault why ATAPI did not answer (said in every refusal)
     */
    public DriveInfo probe(Device device, Optional<DriveFamily> named, Optional<DriveModel> rulesRow, String atapiFault)
            throws OdflashException {
        String dead = "drive " + device.spec() + " does not answer ATAPI (" + atapiFault + ")";
        if (named.filter(f -> f == DriveFamily.MTK8051).isEmpty()) {
            throw OdflashException.refused(Gate.FAMILY, dead + "; a drive that does not answer ATAPI is accepted only"
                    + " with " + dev.odflash.ops.Choice.FAMILY_NAMED.mention() + " mtk8051 (the one family whose vendor mode"
                    + " needs no ATAPI); nothing was sent");
        }
        if (rulesRow.filter(r -> r.family() != DriveFamily.MTK8051).isPresent()) {
            throw OdflashException.usage(dev.odflash.ops.Choice.MODEL_NAMED.mention() + " names "
                    + rulesRow.get().displayName() + ", a " + rulesRow.get().family().word() + " drive; a dead drive"
                    + " reached over its registers is an mtk8051 drive");
        }
        if (device.chipChannel().isEmpty()) {
            throw OdflashException.refused(Gate.PATH, dead + "; the path does not reach its task-file registers");
        }
        ChipChannel channel = device.chipChannel().get();
        List<String> warnings = new ArrayList<>();
        JedecId id;
        Optional<ChipSpec> chip;
        byte[] contents;
        try {
            channel.enter();
        } catch (TransportException e) {
            // a port session refused before its first access (no port access, a held device) sent no intro at all
            boolean unsent = e.kind() == TransportException.Kind.PERMISSION || e.kind() == TransportException.Kind.BUSY;
            throw OdflashException.device(dead + (unsent ? "; the vendor-mode intro was not sent: "
                    : "; the vendor-mode intro got no signature (0x70, 0x72 or 0x73): ") + e.getMessage()
                    + "; nothing was written", e, "vendor mode");
        }
        try {
            id = channel.readId();
            chip = chipOverride.isPresent() ? chips.byName(chipOverride.get()) : chips.byId(id);
            if (chipOverride.isPresent() && chip.isEmpty()) {
                throw OdflashException.usage(Choice.CHIP_NAMED.mention() + " " + chipOverride.get()
                        + ": no such chip in the table");
            }
            if (chip.isEmpty()) {
                throw OdflashException.refused(Gate.CHIP, dead + "; the chip answered JEDEC " + id + ", which the chip"
                        + " table does not list: a dead drive is accepted only with an identified or named chip ("
                        + Choice.CHIP_NAMED.mention() + " NAME); nothing was written", Choice.CHIP_NAMED);
            }
            if (chipOverride.isPresent() && !chip.get().id().equals(id)) {
                warnings.add(Choice.CHIP_NAMED.mention() + " " + chip.get().name() + " given; the chip answered JEDEC "
                        + id + " while the table lists " + chip.get().id() + " for it");
            }
            contents = readOnce(channel, chip.get().size());
        } catch (TransportException e) {
            throw OdflashException.device(dead + "; vendor mode answered the intro but then failed: " + e.getMessage()
                    + "; nothing was written", e, "vendor mode");
        } finally {
            try {
                channel.leave();
            } catch (TransportException e) {
                warnings.add("leaving vendor mode failed: " + e.getMessage());
            }
        }
        ImageReport report = ImageIdentifier.identify(contents);
        Optional<DriveModel> row = report.identity().flatMap(i -> drives.lookup(i.vendor(), i.product()))
                .filter(m -> m.family() == DriveFamily.MTK8051 && report.layout().filter(l -> l == m.layout()).isPresent())
                .or(() -> rulesRow);
        if (row.isEmpty()) {
            warnings.add("the flash's contents name no drive of the table (a blank or damaged image?): it can be read"
                    + " and backed up; writing needs the rules of a drive-table row");
        }
        String vendor = report.identity().map(i -> i.vendor()).orElse("");
        String product = report.identity().map(i -> i.product()).orElse("");
        String revision = report.identity().map(i -> i.revision()).orElse("");
        InquiryData stand = new InquiryData(InquiryData.TYPE_CD_DVD, true, 0, vendor, product, revision, "", new byte[0]);
        List<String> notes = new ArrayList<>(device.notes());
        notes.add("dead-drive vendor mode: no ATAPI answer (" + atapiFault + "); accepted with " + dev.odflash.ops.Choice.FAMILY_NAMED.mention() + " mtk8051, the"
                + " vendor-mode signature, chip " + chip.get().name() + "; a two-pass backup comes before any write");
        notes.add(report.identity().map(i -> "the flash holds " + i.vendor().strip() + " " + i.product().strip() + " "
                + i.revision().strip() + row.map(r -> ": the rules of the drive-table row " + r.displayName() + " apply")
                .orElse("")).orElse("the flash's contents are not recognised"));
        return new DriveInfo(device.spec(), stand, row, Optional.of(id), chip,
                Optional.of(new FlashSize(chip.get().size(), FlashSize.FROM_TABLE)), Optional.empty(), Optional.empty(),
                device.emulated(), notes, warnings, Optional.empty(), Optional.of(DriveFamily.MTK8051), true);
    }

    private static byte[] readOnce(ChipChannel channel, long size) throws TransportException {
        byte[] all = new byte[Math.toIntExact(size)];
        int chunk = Math.max(256, channel.maxReadLength());
        for (int pos = 0; pos < size; pos += chunk) {
            channel.read(pos, all, pos, (int) Math.min(chunk, size - pos));
        }
        return all;
    }
}
