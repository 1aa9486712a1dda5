package dev.odflash.ops;

import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTable;
import dev.odflash.family.Families;
import dev.odflash.drive.DriveModel;
import dev.odflash.drive.DriveTable;
import dev.odflash.protocol.Configuration;
import dev.odflash.protocol.InquiryData;
import dev.odflash.protocol.ScsiCommandException;
import dev.odflash.protocol.Spc;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.Device;
import dev.odflash.transport.JedecId;
import dev.odflash.transport.SenseData;
import dev.odflash.transport.TransportException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Identifies a drive (safety rule 1): INQUIRY and the drive table first; only a drive of a known
 * chip-style family gets the vendor-mode chip ID request. Unknown drives get no vendor command.
 */
public final class DriveProbe {
    private static final System.Logger LOG = System.getLogger("dev.odflash.drive");
    /** The largest 8051-era MTK image (docs/protocols.md §4.1: 128 KiB to 1 MiB). */
    static final long MTK8051_MAX_SIZE = 0x100000;

    private final ChipTable chips;
    private final DriveTable drives;
    private final Optional<String> chipOverride;
    private final OptionalLong sizeOverride;
    private Optional<dev.odflash.drive.DriveFamily> familyOverride = Optional.empty();
    private Optional<String> modelOverride = Optional.empty();

    public DriveProbe(ChipTable chips, DriveTable drives, Optional<String> chipOverride, OptionalLong sizeOverride) {
        this.chips = chips;
        this.drives = drives;
        this.chipOverride = chipOverride;
        this.sizeOverride = sizeOverride;
    }

    /**
     * The family the user names with {@code --family} for a drive the table does not know (issue 14 §3: the port
     * path to a drive of the family that is not listed under its INQUIRY strings). A drive the table knows keeps its
     * family; naming another one is a usage error.
     */
    public DriveProbe withFamily(Optional<dev.odflash.drive.DriveFamily> family) {
        this.familyOverride = family;
        return this;
    }

    /**
     * The drive-table row the user names with {@code --model} (dev.odflash.drive.DriveRules) for a chip whose
     * contents no longer identify its drive: a clipped chip (issue 15 §1) or a dead drive reached over its
     * registers (issue 14 §3 "or from --model naming a drive-table row").
     */
    public DriveProbe withModel(Optional<String> model) {
        this.modelOverride = model;
        return this;
    }

    /** The row {@code --model} names for a dead drive: exactly one row, or a usage error. */
    private Optional<DriveModel> namedRow() throws OdflashException {
        if (modelOverride.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(NamedModel.row(drives, modelOverride.get())); // its family is checked by DeadDriveProbe
    }

    public DriveInfo probe(Device device) throws OdflashException {
        if (device.programmer().isPresent()) { // a clip on the chip: no drive to ask (issue 15)
            return dev.odflash.family.ExternalChips.probe(device, chips, drives, chipOverride, modelOverride);
        }
        Spc spc = new Spc(device.scsi());
        List<String> warnings = new ArrayList<>();
        InquiryData inquiry;
        Optional<SenseData> notReady;
        Optional<Configuration> configuration = Optional.empty();
        try {
            try {
                inquiry = inquiry(spc);
            } catch (TransportException | OdflashException e) {
                if (device.taskFile().isEmpty()) {
                    throw e;
                }
                if (familyOverride.isEmpty()) { // no answer stays a device failure (exit 3), nothing sent to the registers
                    throw OdflashException.device("drive " + device.spec() + " did not answer ("
                            + e.getMessage() + "); a drive that does not answer ATAPI is accepted only with "
                            + Choice.FAMILY_NAMED.mention() + " mtk8051 (safety"
                            + " rule 1); nothing was sent to its registers", e, "INQUIRY");
                }
                // a path to the registers and no ATAPI answer: the dead-drive acceptance decides (safety rule 1)
                return new dev.odflash.family.mtk8051.DeadDriveProbe(chips, drives, chipOverride)
                        .probe(device, familyOverride, namedRow(), e.getMessage());
            }
            notReady = spc.testUnitReady();
            try {
                configuration = Optional.of(spc.getConfiguration());
            } catch (ScsiCommandException e) {
                warnings.add("GET CONFIGURATION not answered: " + e.getMessage());
            }
        } catch (TransportException e) {
            throw OdflashException.device("drive " + device.spec() + (e.kind() == TransportException.Kind.TRANSFER_TOO_LARGE
                    ? " could not be identified: " : " did not answer: ") + e.getMessage(), e, "INQUIRY");
        }
        if (inquiry.peripheralType() != InquiryData.TYPE_CD_DVD) {
            warnings.add("peripheral device type " + inquiry.peripheralType() + " is not an optical drive (5)");
        }
        Optional<DriveModel> model = drives.lookup(inquiry.vendor(), inquiry.product());
        if (model.isPresent() && familyOverride.isPresent() && model.get().family() != familyOverride.get()) {
            throw OdflashException.usage("family " + familyOverride.get().word() + " was named, but the drive table lists "
                    + inquiry.vendor().strip() + " " + inquiry.product().strip() + " as " + model.get().family().word());
        }
        Optional<dev.odflash.drive.DriveFamily> family = model.map(DriveModel::family).or(() -> familyOverride);
        Optional<JedecId> id = Optional.empty();
        Optional<ChipSpec> chip = Optional.empty();
        Optional<FlashSize> size = Optional.empty();
        Optional<Failure.DeviceFailure> vendorModeFailure = Optional.empty();
        if (family.isPresent() && Families.of(family.get()).chipStyle() && device.chipChannel().isPresent()) {
            ChipChannel channel = device.chipChannel().get();
            try {
                channel.enter();
                try {
                    id = Optional.of(channel.readId());
                    chip = resolveChip(id.get(), warnings);
                    size = Optional.of(resolveSize(channel, chip, warnings));
                } finally {
                    channel.leave();
                }
            } catch (TransportException e) {
                warnings.add("vendor mode not reachable: " + e.getMessage());
                vendorModeFailure = Optional.of(Failure.DeviceFailure.of("the drive's vendor mode did not answer: "
                        + e.getMessage() + " (" + dev.odflash.ops.NextStep.DOCTOR.mention() + " checks the path)", e, "vendor mode"));
            }
        }
        if (model.isPresent() && !Families.of(model.get().family()).chipStyle() && model.get().layout().fixedSize() > 0) {
            size = Optional.of(new FlashSize(model.get().layout().fixedSize(), FlashSize.FROM_LAYOUT));
        }
        DriveInfo info = new DriveInfo(device.spec(), inquiry, model, id, chip, size, configuration, notReady,
                device.emulated(), device.notes(), warnings, vendorModeFailure,
                model.isPresent() ? Optional.empty() : familyOverride);
        LOG.log(System.Logger.Level.INFO, () -> "drive " + info.spec() + (info.emulated() ? " (emulated)" : "")
                + ": \"" + info.inquiry().vendor() + "\" \"" + info.inquiry().product() + "\" revision \""
                + info.inquiry().revision() + "\", family "
                + info.family().map(f -> f.word()).orElse("unknown (not in the drive table)")
                + ", chip " + info.chipText() + info.flashSize().map(s -> ", flash " + s.bytes() + " bytes").orElse("")
                + (info.mediumPresent() ? ", medium present" : "")
                + (info.warnings().isEmpty() ? "" : "; warnings: " + info.warnings()));
        return info;
    }

    private static InquiryData inquiry(Spc spc) throws TransportException, OdflashException {
        try {
            InquiryData standard = spc.inquiry(36);
            try {
                return spc.inquiry(96); // the vendor-specific area carries the firmware date on MTK drives
            } catch (ScsiCommandException | IllegalArgumentException e) {
                return standard;
            }
        } catch (ScsiCommandException e) {
            throw OdflashException.device("INQUIRY failed: " + e.getMessage(), e, "INQUIRY");
        }
    }

    private Optional<ChipSpec> resolveChip(JedecId id, List<String> warnings) throws OdflashException {
        if (chipOverride.isPresent()) {
            ChipSpec named = chips.byName(chipOverride.get()).orElseThrow(() -> OdflashException.usage(
                    Choice.CHIP_NAMED.mention() + " " + chipOverride.get() + ": no such chip in the table (see " + dev.odflash.ops.NextStep.CHIPS.mention() + ")"));
            if (!named.id().equals(id)) {
                warnings.add(Choice.CHIP_NAMED.mention() + " " + named.name() + " given; the chip answered JEDEC " + id
                        + " while the table lists " + named.id() + " for it");
            }
            if (named.refusal().isPresent()) {
                throw OdflashException.refused(Gate.CHIP, named.refusal().get() + "; nothing was read or written");
            }
            return Optional.of(named);
        }
        Optional<ChipSpec> found = chips.byId(id);
        if (found.isPresent() && found.get().refusal().isPresent()) {
            throw OdflashException.refused(Gate.CHIP, found.get().refusal().get() + "; nothing was read or written");
        }
        if (found.isEmpty()) {
            warnings.add("unknown flash chip, JEDEC manufacturer " + id.manufacturerHex() + ", device "
                    + id.deviceHex() + ": reading works, erase and program are refused until the part is named"
                    + " with " + Choice.CHIP_NAMED.mention() + " NAME or added with " + Choice.CHIP_DB.mention()
                    + " FILE (the format " + dev.odflash.ops.NextStep.CHIPS.mention() + " prints as JSON)");
        }
        return found;
    }

    private FlashSize resolveSize(ChipChannel channel, Optional<ChipSpec> chip, List<String> warnings)
            throws TransportException {
        if (sizeOverride.isPresent()) {
            return new FlashSize(sizeOverride.getAsLong(), FlashSize.FROM_OPTION);
        }
        if (chip.isPresent()) {
            return new FlashSize(chip.get().size(), FlashSize.FROM_TABLE);
        }
        OptionalLong wrapped = sizeFromWrapAround(channel);
        if (wrapped.isPresent()) {
            return new FlashSize(wrapped.getAsLong(), FlashSize.FROM_WRAP);
        }
        warnings.add("flash size unknown: assuming the family's largest, " + MTK8051_MAX_SIZE / 1024
                + " KiB; give " + Choice.SIZE_GIVEN.mention() + " if you know it");
        return new FlashSize(MTK8051_MAX_SIZE, FlashSize.FROM_FAMILY_MAX);
    }

    /**
     * A chip with fewer address lines than the bus repeats its content every {@code size} bytes
     * (safety rule 1). Compare three 256-byte windows at 0 with the same windows at each power of
     * two; a blank (all 0xFF) start cannot tell, so then there is no answer.
     */
    static OptionalLong sizeFromWrapAround(ChipChannel channel) throws TransportException {
        long[] probes = {0, 0x4000, 0x8000};
        byte[][] base = new byte[probes.length][256];
        boolean blank = true;
        for (int i = 0; i < probes.length; i++) {
            channel.read(probes[i], base[i], 0, 256);
            for (byte b : base[i]) {
                blank &= b == (byte) 0xFF;
            }
        }
        if (blank) {
            return OptionalLong.empty();
        }
        for (long size = 0x20000; size < MTK8051_MAX_SIZE; size <<= 1) {
            boolean same = true;
            for (int i = 0; i < probes.length && same; i++) {
                byte[] there = new byte[256];
                channel.read(size + probes[i], there, 0, 256);
                same = Arrays.equals(base[i], there);
            }
            if (same) {
                return OptionalLong.of(size);
            }
        }
        return OptionalLong.of(MTK8051_MAX_SIZE);
    }
}
