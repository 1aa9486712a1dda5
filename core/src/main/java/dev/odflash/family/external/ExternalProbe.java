package dev.odflash.family.external;

import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTable;
import dev.odflash.drive.DriveFamily;
import dev.odflash.drive.DriveModel;
import dev.odflash.drive.DriveRules;
import dev.odflash.drive.DriveTable;
import dev.odflash.drive.ImageLayout;
import dev.odflash.drive.ProductMatch;
import dev.odflash.family.ImageIdentifier;
import dev.odflash.ops.Choice;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.FlashSize;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;
import dev.odflash.image.ImageReport;
import dev.odflash.protocol.InquiryData;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.Device;
import dev.odflash.transport.ExternalProgrammer;
import dev.odflash.transport.TransportException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Identifies a chip on an external programmer (docs/architecture.md "Drive families", {@code external}), for
 * ops.DriveProbe: no drive
 * answers INQUIRY, so the programmer probes the part (by the chip row's libflashrom name when {@code --chip}
 * names one), the chip row gives its write model, erasers and timings, and the chip's current contents, read
 * once and identified as {@code identify} does, stand in for the drive: their identity (vendor, product,
 * revision) is what INQUIRY would have said, and their drive-table row gives the boot region the drive itself
 * would have protected. What the drive would have protected, the clip must protect.
 */
public final class ExternalProbe {
    /** The MT1939/MT1959 boot area the drives ignore writes to, and what a clip on an unrecognised chip keeps. */
    static final int UNRECOGNISED_BOOT = 0x10000;

    private final ChipTable chips;
    private final DriveTable drives;
    private final Optional<String> chipOverride;
    private final Optional<String> modelOverride;
    /** Where the named rules come from, in words ("named with --model", or the confirmed library backup). */
    private final String rulesFrom;

    /** @param modelOverride a drive-table row the user names for contents that no longer identify one (--model) */
    public ExternalProbe(ChipTable chips, DriveTable drives, Optional<String> chipOverride, Optional<String> modelOverride) {
        this(chips, drives, chipOverride, modelOverride, "named with " + Choice.MODEL_NAMED.mention());
    }

    /** @param rulesFrom where {@code modelOverride} came from, for the warning that says whose rules apply */
    public ExternalProbe(ChipTable chips, DriveTable drives, Optional<String> chipOverride, Optional<String> modelOverride,
                         String rulesFrom) {
        this.chips = chips;
        this.drives = drives;
        this.chipOverride = chipOverride;
        this.modelOverride = modelOverride;
        this.rulesFrom = rulesFrom;
    }

    public DriveInfo probe(Device device, ExternalProgrammer programmer) throws OdflashException {
        List<String> warnings = new ArrayList<>();
        Optional<ChipSpec> named = Optional.empty();
        if (chipOverride.isPresent()) {
            named = Optional.of(chips.byName(chipOverride.get()).orElseThrow(() -> OdflashException.usage(
                    Choice.CHIP_NAMED.mention() + " " + chipOverride.get() + ": no such chip in the table (see " + dev.odflash.ops.NextStep.CHIPS.mention() + ")")));
        }
        ExternalProgrammer.Probed probed;
        try {
            probed = programmer.probe(named.map(ChipSpec::nameForFlashrom));
        } catch (ExternalProgrammer.Ambiguous e) {
            List<String> rows = e.candidates().stream().map(n -> chips.byFlashromName(n).map(c -> n + " (row " + c.name()
                    + ")").orElse(n + " (no row)")).toList();
            throw OdflashException.refused(Gate.CHIP, "several chip definitions answer on " + programmer.programmer()
                    + ": " + String.join(", ", rows) + "; name the part with " + Choice.CHIP_NAMED.mention()
                    + " NAME (a row of " + dev.odflash.ops.NextStep.CHIPS.mention() + "); nothing was read or written", Choice.CHIP_NAMED);
        } catch (TransportException e) {
            throw OdflashException.device(e.getMessage(), e, "probe");
        }
        Optional<ChipSpec> chip = named.or(() -> chips.byFlashromName(probed.name())).or(() -> chips.byName(probed.name()));
        if (chip.isPresent() && chip.get().size() != probed.size()) {
            throw OdflashException.refused(Gate.CHIP, "libflashrom probed " + probed.name() + " of " + probed.size()
                    + " bytes, but the row " + chip.get().name() + " has " + chip.get().size() + ": not the same part");
        }
        Optional<String> tooLarge = chip.flatMap(ChipSpec::refusal);
        if (tooLarge.isEmpty() && probed.size() > ChipSpec.LARGEST_HANDLED) {
            tooLarge = Optional.of("libflashrom probed " + probed.name() + " of " + probed.size() + " bytes: odflash"
                    + " reads and writes parts of at most 16 MiB (no firmware it knows is larger); use flashrom itself");
        }
        if (tooLarge.isPresent()) {
            throw OdflashException.refused(Gate.CHIP, tooLarge.get() + "; nothing was read or written");
        }
        if (chip.isEmpty()) {
            warnings.add("libflashrom probed \"" + probed.name() + "\", which no chip row names: reading works, erase and"
                    + " program are refused until the part is named with " + Choice.CHIP_NAMED.mention() + " NAME or"
                    + " added with " + Choice.CHIP_DB.mention() + " FILE (with its flashromName)");
        }
        ExternalProgrammer.Protection protection;
        try {
            protection = programmer.protection();
        } catch (TransportException e) {
            protection = new ExternalProgrammer.Protection(false, "unknown", 0, 0, e.getMessage());
        }
        byte[] contents = readOnce(device, probed.size());
        ImageReport report = ImageIdentifier.identify(contents);
        Optional<DriveModel> identified = report.identity().flatMap(i -> drives.lookup(i.vendor(), i.product()))
                .filter(m -> report.layout().isPresent() && m.layout() == report.layout().get());
        Optional<DriveModel> row = identified;
        String vendor = report.identity().map(i -> i.vendor()).orElse("");
        String product = report.identity().map(i -> i.product()).orElse("");
        String revision = report.identity().map(i -> i.revision()).orElse("");
        Optional<DriveModel> model = report.layout().map(layout -> externalModel(programmer, layout, identified, 0));
        Optional<DriveRules> rules = namedRules(probed.size(), report, identified);
        if (rules.isPresent() && model.isEmpty()) {
            // a bricked chip: the named row's rules stand in for the identity the contents no longer carry
            row = Optional.of(rules.get().row());
            vendor = rules.get().row().vendor();
            product = rules.get().row().product();
            // no installed version to compare with, as for a drive up in its boot loader (ImageFit: the recovery case)
            revision = "BOOT";
            // unrecognisable contents: the first 64 KiB count as boot region whatever the row says (issue 15 §1)
            model = Optional.of(externalModel(programmer, rules.get().layout(), row, UNRECOGNISED_BOOT));
            warnings.add("the chip's contents are not recognised: the rules of " + rules.get().row().displayName()
                    + " (" + rulesFrom + ") apply; writing its first 64 KiB needs " + Choice.INCLUDE_BOOT.mention());
        }
        if (model.isEmpty()) {
            warnings.add("the chip's contents are not a firmware image odflash recognises (a blank or damaged chip?):"
                    + " it can be read and backed up; to flash it, flash a backup of this drive from the backup library"
                    + " (its identity is confirmed first) or name the drive with " + Choice.MODEL_NAMED.mention()
                    + " NAME (a drive-table row), and give " + Choice.INCLUDE_BOOT.mention());
        }
        if (model.isEmpty()) {
            // a blank or bricked chip still has a name in the library: the programmer's and the part's
            vendor = "flashrom";
            product = probed.name();
        }
        byte[] inquiryRaw = new byte[0];
        InquiryData inquiry = new InquiryData(InquiryData.TYPE_CD_DVD, true, 0, vendor, product, revision,
                "", inquiryRaw);
        List<String> notes = new ArrayList<>(device.notes());
        notes.add("programmer " + programmer.programmer() + ", libflashrom part \"" + probed.name() + "\" ("
                + probed.size() + " bytes)");
        notes.add("write protection: " + describe(protection));
        notes.add(report.identity().map(i -> "the chip holds " + i.vendor().strip() + " " + i.product().strip() + " "
                + i.revision().strip() + " (" + report.layout().get().word() + "): the boot region and per-unit rules of"
                + identified.map(r -> " the drive-table row " + r.displayName()).orElse(" its layout") + " apply")
                .orElse("the chip's contents are not recognised" + rules.map(r -> "; the rules of " + r.row().displayName()
                        + " apply, as named").orElse("")));
        return new DriveInfo(device.spec(), inquiry, model, chip.map(ChipSpec::id), chip,
                Optional.of(new FlashSize(probed.size(), FlashSize.FROM_PROGRAMMER)), Optional.empty(), Optional.empty(),
                device.emulated(), notes, warnings, Optional.empty(),
                // no row: still this family's chip, so it is read and backed up like any other (the recovery recipe)
                model.isEmpty() ? Optional.of(DriveFamily.EXTERNAL) : Optional.empty());
    }

    /**
     * The row {@code --model} names, checked against what the chip holds: it must name exactly one row, its layout's
     * size must be the chip's, and contents that identify another drive are not overridden by it.
     */
    private Optional<DriveRules> namedRules(long chipSize, ImageReport report, Optional<DriveModel> identified)
            throws OdflashException {
        if (modelOverride.isEmpty()) {
            return Optional.empty();
        }
        String name = modelOverride.get();
        DriveRules rules = DriveRules.of(dev.odflash.ops.NamedModel.row(drives, name));
        if (rules.layout().fixedSize() > 0 && rules.layout().fixedSize() != chipSize) {
            throw OdflashException.refused(Gate.SIZE, rules.row().displayName() + "'s " + rules.layout().word()
                    + " images are " + rules.layout().fixedSize() + " bytes, the chip " + chipSize + ": not this drive's"
                    + " chip; nothing was written");
        }
        if (report.layout().isPresent() && identified.map(r -> !r.equals(rules.row())).orElse(true)) {
            throw OdflashException.refused(Gate.MODEL, "the chip's contents identify "
                    + identified.map(DriveModel::displayName).orElse("a " + report.layout().get().word() + " image")
                    + ", so " + Choice.MODEL_NAMED.mention() + " " + name + " does not apply; nothing"
                    + " was read further or written");
        }
        return Optional.of(rules);
    }

    /** The drive the contents came from, written through the clip: its layout, boot region and boot ID. */
    private static DriveModel externalModel(ExternalProgrammer programmer, ImageLayout layout, Optional<DriveModel> row,
                                            int atLeast) {
        int boot = Math.max(atLeast, row.map(DriveModel::bootRegion).orElse(layout.fixedSize() > 0 ? UNRECOGNISED_BOOT : 0));
        if (layout == ImageLayout.MT1939 || layout == ImageLayout.MT1959) {
            boot = Math.max(boot, UNRECOGNISED_BOOT); // these drives ignore writes to their first 64 KiB themselves
        }
        return new DriveModel("flashrom", programmer.programmer(), ProductMatch.EXACT, DriveFamily.EXTERNAL, layout,
                boot, row.flatMap(DriveModel::bootId), false, "a chip on an external programmer; rules of "
                + row.map(DriveModel::displayName).orElse("the " + layout.word() + " layout"));
    }

    private static byte[] readOnce(Device device, long size) throws OdflashException {
        ChipChannel channel = device.chipChannel().orElseThrow();
        try {
            byte[] all = new byte[Math.toIntExact(size)];
            int chunk = Math.max(256, channel.maxReadLength());
            for (int pos = 0; pos < size; pos += chunk) {
                channel.read(pos, all, pos, (int) Math.min(chunk, size - pos));
            }
            return all;
        } catch (TransportException e) {
            throw OdflashException.device("the chip could not be read through the programmer: " + e.getMessage()
                    + "; nothing was written", e, "read");
        }
    }

    static String describe(ExternalProgrammer.Protection p) {
        if (!p.known()) {
            return "unknown (" + p.note() + ")";
        }
        if (!p.active()) {
            return "none (" + p.mode() + ")";
        }
        String range = String.format("0x%X-0x%X protected", p.start(), p.start() + p.length() - 1);
        return "disabled".equals(p.mode()) ? range + " by the block-protect bits (mode disabled: the status register"
                + " is not locked)" : p.mode() + ", " + range;
    }
}
