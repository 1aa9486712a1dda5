package dev.odflash.emulator;

import dev.odflash.chip.BootBlock;
import dev.odflash.chip.Bus;
import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTable;
import dev.odflash.chip.EraseRegion;
import dev.odflash.chip.Eraser;
import dev.odflash.chip.Timing;
import dev.odflash.chip.WriteModel;
import dev.odflash.emulator.chip.FlashChipModel;
import dev.odflash.emulator.chip.VirtualClock;
import dev.odflash.emulator.download.DownloadDrives;
import dev.odflash.emulator.download.DownloadFirmware;
import dev.odflash.emulator.firmware.Mtk8051Firmware;
import dev.odflash.emulator.mtk8051.Mtk8051Drive;
import dev.odflash.transport.JedecId;
import dev.odflash.transport.TransportException;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Opens emulated drives from device specs: {@code emu:<profile>[?chip=NAME|unknown][&image=FILE]
 * [&medium=present][&align=MASK][&maxxfer=N][&bridge=drop-vendor][&fault=LIST][&unit=NAME][&stats=FILE]}. Chip-style
 * profiles (mtk8051) give a {@link Mtk8051Drive}; download-family profiles (btc, tsst, mt19xx) a
 * {@link dev.odflash.emulator.download.DownloadDrive}; {@code unit=} names the unit whose per-unit
 * data a new flash gets (download families); {@code stats=} names the JSON file the drive's counters
 * are written to when it closes ({@link EmulatorStats}).
 * Bad specs are {@link IllegalArgumentException}s with a message for the user (exit 2).
 */
public final class EmulatedDrives {
    /** mtk8051 images are 128 KiB to 1 MiB (docs/protocols.md §4.1). */
    public static final long MTK8051_MIN = 0x20000;
    public static final long MTK8051_MAX = 0x100000;

    private EmulatedDrives() {
    }

    /**
     * Opens the drive; with {@code ?image=} it holds that file (locked) until closed.
     *
     * @throws TransportException of kind BUSY when another odflash holds the image ("in use by PID n")
     */
    public static EmulatedDrive open(String specText, ChipTable chips) throws IOException, TransportException {
        EmulatorSpec spec = EmulatorSpec.parse(specText);
        EmulatorProfile profile = EmulatorProfiles.byName(spec.profile()).orElseThrow(() -> new IllegalArgumentException(
                "unknown emulator profile '" + spec.profile() + "' (known: "
                        + String.join(", ", EmulatorProfiles.all().stream().map(EmulatorProfile::name).toList()) + ")"));
        ChipSpec chip = chipFor(profile, spec.params().get("chip"), chips);
        HostQuirks quirks = HostQuirks.from(spec);
        FaultPlan faults = FaultPlan.parse(spec.params().get("fault"));
        Optional<EmulatorStats> stats = EmulatorStats.of(spec);
        FlashImageStore store = new FlashImageStore(SpecPath.of(spec, "image")); // a path that cannot work: exit 2 now
        if (!profile.family().chipStyle()) {
            var drive = DownloadDrives.open(specText, spec, profile, chip, quirks, faults, store);
            stats.ifPresent(s -> drive.onClose(() -> s.write(drive, profile.name())));
            return drive;
        }
        if (spec.params().containsKey("unit")) {
            throw new IllegalArgumentException("unit= applies to download-family profiles only");
        }
        if (spec.params().containsKey("readbuffer")) {
            throw new IllegalArgumentException("readbuffer= applies to the mt1959 profile (asus-bw16d1ht) only");
        }
        if (spec.params().containsKey("timescale")) { // the register-level drive has no USB form (issue 16 §2)
            throw new IllegalArgumentException("timescale= applies to download-family profiles only");
        }
        int size = (int) chip.size();
        byte[] factory = Mtk8051Firmware.generate(profile.vendor(), profile.product(), profile.defaultVersion(), size);
        byte[] flash = store.open(size, factory); // a new ?image= file starts as the synthetic default version
        try {
            VirtualClock clock = new VirtualClock();
            FlashChipModel model = new FlashChipModel(chip, flash, clock, faults.seed(), faults.chipFaults());
            model.persistTo(store);
            Mtk8051Drive drive = new Mtk8051Drive(specText, profile, quirks, faults, clock, model, store,
                    Arrays.copyOf(factory, 0x4000), spec.params().get("intro"), spec.params().get("unlock"),
                    serialStatus(chip, spec.params().get("bp")), swapped(chip, spec.params().get("spi")));
            if ("dead".equals(spec.params().get("atapi"))) {
                drive.atapiDead();
            }
            stats.ifPresent(s -> drive.onClose(() -> s.write(drive, profile.name())));
            return drive;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** {@code bp=0xNN}: the serial part's status register at power-on (block-protect bits, SRWD); serial parts only. */
    private static int serialStatus(ChipSpec chip, String bp) {
        if (bp == null) {
            return 0;
        }
        if (chip.bus() != Bus.SPI) {
            throw new IllegalArgumentException("bp= applies to serial (SPI) parts only; " + chip.name() + " is parallel");
        }
        try {
            int v = bp.toLowerCase(java.util.Locale.ROOT).startsWith("0x") ? Integer.parseInt(bp.substring(2), 16)
                    : Integer.parseInt(bp);
            if (v < 0 || v > 0xFF) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bp=" + bp + ": give the status register as 0x00-0xFF (e.g. bp=0x8C)");
        }
    }

    /** {@code spi=0x73}: the mailbox answers 0x73 and takes its length bytes swapped; {@code spi=0x72} the default. */
    private static boolean swapped(ChipSpec chip, String spi) {
        if (spi == null) {
            return false;
        }
        if (chip.bus() != Bus.SPI) {
            throw new IllegalArgumentException("spi= applies to serial (SPI) parts only; " + chip.name() + " is parallel");
        }
        return switch (spi.toLowerCase(java.util.Locale.ROOT)) {
            case "0x72", "72" -> false;
            case "0x73", "73" -> true;
            default -> throw new IllegalArgumentException("spi=" + spi + ": use 0x72 or 0x73");
        };
    }

    /**
     * The table's row for a part named by its built-in name: the part fitted is the physical one (its JEDEC IDs), so a
     * --chip-db row that replaces it by those IDs under another name describes it (README: "a row with the same
     * JEDEC IDs replaces the built-in one").
     */
    private static Optional<ChipSpec> fitted(String name, ChipTable chips) {
        return chips.byName(name).or(() -> ChipTable.builtIn().byName(name).flatMap(b -> chips.byId(b.id())));
    }

    /** The profile's chip, the one named by {@code ?chip=}, or the unknown part. */
    public static ChipSpec chipFor(EmulatorProfile profile, String name, ChipTable chips) {
        ChipSpec chip;
        if (name == null) {
            chip = fitted(profile.defaultChip(), chips).orElseThrow();
        } else if (name.equalsIgnoreCase("unknown")) {
            chip = unknownChip();
        } else {
            chip = fitted(name, chips).orElseThrow(() -> new IllegalArgumentException(
                    "chip=" + name + ": no such chip in the table (see `odflash chips`)"));
        }
        if (!profile.family().chipStyle()) {
            int size = DownloadFirmware.size(profile.layout());
            if (chip.size() != size) {
                throw new IllegalArgumentException("chip " + chip.name() + " holds " + chip.sizeText() + "; "
                        + profile.layout().word() + " images are exactly " + size / 1024 + " KiB");
            }
            return chip;
        }
        if (chip.size() < MTK8051_MIN || chip.size() > MTK8051_MAX) {
            throw new IllegalArgumentException("chip " + chip.name() + " holds " + chip.sizeText()
                    + "; mtk8051 images are 128 KiB to 1 MiB");
        }
        return chip;
    }

    /**
     * The "Unknown Flash Memory" case: a 512 KiB part with 4 KiB sectors whose IDs read 0x02 / 0x20,
     * the values mtkflash printed for a dead CRW-5224A (docs/protocols.md §3); no table knows them.
     * Timings: SST39SF040's (a plausible 5 V part of that size).
     */
    public static ChipSpec unknownChip() {
        return new ChipSpec("unknown", List.of(), "unknown", Bus.PARALLEL, new JedecId(0x02, 0x20), 0x80000, "5 V",
                new WriteModel.Byte(), new Timing(14, 20),
                List.of(new Eraser("sector", List.of(new EraseRegion(4096, 128)), new Timing(18000, 25000)),
                        new Eraser("chip", List.of(new EraseRegion(0x80000, 1)), new Timing(70000, 100000))),
                70, Optional.<BootBlock>empty(), true, "emulated",
                "modelled: IDs from a mtkflash log of a dead CRW-5224A (club.myce.com/t/174922)");
    }
}
