package dev.odflash.emulator.mtk8051;

import dev.odflash.emulator.EmulatedDrive;
import dev.odflash.emulator.EmulatorProfile;
import dev.odflash.emulator.FaultPlan;
import dev.odflash.emulator.FlashImageStore;
import dev.odflash.emulator.HostQuirks;
import dev.odflash.emulator.ImageLockUse;
import dev.odflash.emulator.chip.FlashChipModel;
import dev.odflash.emulator.chip.VirtualClock;
import dev.odflash.emulator.core.CommandFaults;
import dev.odflash.emulator.core.EmulatedAtapiFrontEnd;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.ExclusiveUse;
import dev.odflash.transport.ScsiTransport;
import dev.odflash.transport.TransportException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An emulated 8051-era MTK drive: a flash chip model, the firmware personality read from that flash
 * at power-on (INQUIRY comes from the template in the image, so flashing changes what it reports),
 * the ATAPI identity commands, and the vendor mode at the register level ({@link Mtk8051TaskFile}). Faults, host quirks, UNIT ATTENTION
 * and REQUEST SENSE are the shared core's ({@link CommandFaults}, {@link EmulatedAtapiFrontEnd}); this
 * class keeps the power-on state read from flash and the chip. Every command advances the virtual
 * clock by bus and chip time. Faults inside an erase or program are the chip model's
 * ({@link FlashChipModel}); when one cuts the power the drive goes without power, exactly as after
 * {@code powerloss@cmd}.
 */
public final class Mtk8051Drive implements EmulatedDrive {
    private final String spec;
    private final EmulatorProfile profile;
    private final HostQuirks quirks;
    private final CommandFaults faults;
    private final VirtualClock clock;
    private final FlashChipModel chip;
    private final FlashImageStore store;
    private final byte[] factoryBoot;
    private final EmulatedAtapiFrontEnd scsi;
    private boolean atapiDead;
    private final FaultPlan plan;
    /** The register-level vendor mode: parallel parts through their JEDEC commands, serial parts through the mailbox. */
    private final Optional<Mtk8051TaskFile> registers;
    private PowerState state;
    private FirmwareView firmware;
    private Runnable onClose = () -> { };

    public Mtk8051Drive(String spec, EmulatorProfile profile, HostQuirks quirks, FaultPlan faults, VirtualClock clock,
                        FlashChipModel chip, FlashImageStore store, byte[] factoryBoot) {
        this(spec, profile, quirks, faults, clock, chip, store, factoryBoot, Mtk8051TaskFile.Intro.ALWAYS,
                JedecChip.Pairs.BOTH, 0, false);
    }

    /**
     * @param bp      the serial part's status register at power-on ({@code bp=0xNN}: block-protect bits, SRWD)
     * @param swapped the serial mailbox answers 0x73 and takes its length bytes swapped
     */
    public Mtk8051Drive(String spec, EmulatorProfile profile, HostQuirks quirks, FaultPlan faults, VirtualClock clock,
                        FlashChipModel chip, FlashImageStore store, byte[] factoryBoot, String intro, String unlock,
                        int bp, boolean swapped) {
        this(spec, profile, quirks, faults, clock, chip, store, factoryBoot, introOf(intro), pairsOf(unlock), bp, swapped);
    }

    private static Mtk8051TaskFile.Intro introOf(String intro) {
        return switch (intro == null ? "always" : intro) {
            case "always" -> Mtk8051TaskFile.Intro.ALWAYS;
            case "window" -> Mtk8051TaskFile.Intro.WINDOW;
            case "never" -> Mtk8051TaskFile.Intro.NEVER;
            default -> throw new IllegalArgumentException("intro=" + intro + ": use always, window or never");
        };
    }

    private static JedecChip.Pairs pairsOf(String unlock) {
        return switch (unlock == null ? "" : unlock.toLowerCase(java.util.Locale.ROOT)) {
            case "" -> JedecChip.Pairs.BOTH;
            case "555", "0x555" -> JedecChip.Pairs.SHORT_ONLY;
            case "5555", "0x5555" -> JedecChip.Pairs.FULL_ONLY;
            default -> throw new IllegalArgumentException("unlock=" + unlock + ": use 555 or 5555");
        };
    }

    private Mtk8051Drive(String spec, EmulatorProfile profile, HostQuirks quirks, FaultPlan faults, VirtualClock clock,
                         FlashChipModel chip, FlashImageStore store, byte[] factoryBoot, Mtk8051TaskFile.Intro intro,
                         JedecChip.Pairs pairs, int bp, boolean swapped) {
        this.spec = spec;
        this.plan = faults;
        this.profile = profile;
        this.quirks = quirks;
        this.faults = new CommandFaults(faults, clock, new CommandFaults.Drive() {
            @Override
            public void busReset() {
                Mtk8051Drive.this.busReset();
            }

            @Override
            public boolean dead() {
                return state == PowerState.DEAD;
            }
        });
        this.clock = clock;
        this.chip = chip;
        this.store = store;
        this.factoryBoot = factoryBoot.clone();
        this.scsi = new EmulatedAtapiFrontEnd(quirks, clock, this.faults, new Mtk8051Scsi(this));
        VendorBackend backend = chip.spec().bus() == dev.odflash.chip.Bus.PARALLEL ? new JedecBackend(new JedecChip(chip, pairs))
                : new SpiMailbox(new SerialChip(chip, bp), swapped);
        this.registers = Optional.of(new Mtk8051TaskFile(this, backend, intro));
        powerOn();
        registers.ifPresent(Mtk8051TaskFile::poweredOn); // opening the drive is a power-on (intro=window)
    }

    /**
     * The user switched the drive off and on (asked to by the host): vendor mode is gone, the drive boots from its
     * flash, and the intro window of {@code intro=window} starts again. A DEVICE RESET restarts the firmware but is
     * not a power-on for that window (inference: the window is the boot ROM's, after power is applied).
     */
    @Override
    public void powerCycle() {
        registers.ifPresent(Mtk8051TaskFile::reset);
        powerOn();
        registers.ifPresent(Mtk8051TaskFile::poweredOn);
        scsi.raiseUnitAttention();
    }

    /** Boots from what the flash holds now (docs/architecture.md: boot mode, dead drive). */
    void powerOn() {
        firmware = FirmwareView.of(chip.contents(), factoryBoot);
        state = !firmware.bootIntact() ? PowerState.DEAD : firmware.mainValid() ? PowerState.RUNNING : PowerState.BOOT;
    }

    FaultPlan faultPlan() {
        return plan;
    }

    /** Counts a command and applies the command faults before it runs ({@link CommandFaults#begin}). */
    void beginCommand(String what, Duration timeout) throws TransportException {
        long at = virtualClock().nanos(); // the cut's moment, before the host's timeout is charged
        boolean wasOff = faults.poweredOff();
        try {
            faults.begin(what, timeout);
        } catch (TransportException e) {
            if (!wasOff && faults.poweredOff()) { // powerloss@cmd:N inside a chip busy window leaves it cut
                registers.ifPresent(r -> r.powerCut(at));
            }
            throw e;
        }
    }

    /**
     * Power failed inside the running erase or program, which already left its cells as the chip model
     * cut them (and in the image file). Returns the exception the host's call throws.
     */
    TransportException powerLost(String why) {
        return faults.powerLost(why);
    }

    /**
     * A bus reset ({@code reset@cmd:N}): the drive drops vendor mode and owes the host a UNIT
     * ATTENTION "power on, reset, or bus device reset occurred" (6/29/00, SPC-4 sense code table).
     * The flash and the running firmware are untouched.
     */
    private void busReset() {
        registers.ifPresent(Mtk8051TaskFile::reset);
        scsi.raiseUnitAttention();
    }

    /** Vendor commands meet the host path first: a bridge that drops them leaves them unanswered. */
    void dropVendor(String what, Duration timeout) throws TransportException {
        scsi.dropVendor(what, timeout);
    }

    EmulatorProfile profile() {
        return profile;
    }

    HostQuirks quirks() {
        return quirks;
    }

    VirtualClock virtualClock() {
        return clock;
    }

    FlashChipModel chip() {
        return chip;
    }

    PowerState state() {
        return state;
    }

    FirmwareView firmware() {
        return firmware;
    }

    /** Commands seen since open (SCSI and chip-channel calls). */
    @Override
    public long commands() {
        return faults.commands();
    }

    /** Erase and program calls that reached the chip: tests use them to prove a refused gate wrote nothing. */
    @Override
    public long writeCommands() {
        return registers.map(Mtk8051TaskFile::writeCommands).orElse(0L);
    }

    @Override
    public long firstWriteCommand() {
        return registers.map(Mtk8051TaskFile::firstWriteCommand).orElse(-1L);
    }

    @Override
    public long lastWriteCommand() {
        return registers.map(Mtk8051TaskFile::lastWriteCommand).orElse(-1L);
    }

    /** Bus resets injected by {@code reset@cmd:N} so far. */
    public long resets() {
        return faults.resets();
    }

    @Override
    public FlashChipModel chipModel() {
        return chip;
    }

    @Override
    public String spec() {
        return spec;
    }

    @Override
    public ScsiTransport scsi() {
        return atapiDead // the ATAPI side of a drive that no longer answers it (?atapi=dead)
                ? ScsiTransport.unanswered("the drive does not answer ATAPI (emulated: atapi=dead)", scsi.clock()) : scsi;
    }

    /**
     * {@code ?atapi=dead}: the drive no longer answers ATAPI (every SCSI command gets no answer) while its task-file
     * registers and vendor mode still work, the case a dead-drive flash exists for (issue 14 §3).
     */
    public void atapiDead() {
        atapiDead = true;
    }

    @Override
    public Optional<ChipChannel> chipChannel() {
        return Optional.empty(); // the host builds its vendor-mode channel on the task file (family.ChipPaths)
    }

    /**
     * Whether the chip behind the registers is inside an erase's or program's busy window: a power cut now leaves
     * that operation cut (JedecChip.powerCut), so the tests of "a cut command has no effect" leave such cuts out.
     */
    public boolean chipBusy() {
        return registers.map(Mtk8051TaskFile::chipBusy).orElse(false);
    }

    @Override
    public Optional<dev.odflash.transport.TaskFile> taskFile() {
        return registers.map(r -> r);
    }

    @Override
    public VirtualClock clock() {
        return clock;
    }

    @Override
    public String pathKey() {
        return store.file().map(dev.odflash.emulator.ImageFileKey::of).orElse(spec);
    }

    @Override
    public boolean emulated() {
        return true;
    }

    @Override
    public List<String> notes() {
        return List.of("emulated drive (" + profile.name() + "): " + profile.description(),
                "the vendor mode is served at the register level (" + (chip.spec().bus() == dev.odflash.chip.Bus.PARALLEL
                        ? "parallel part, status 0x70" : "serial part through the SPI mailbox") + "): the emulated drive"
                        + " decodes the task-file writes itself (docs/protocols.md §2.6.7); never tried on a real drive");
    }

    @Override
    public ExclusiveUse acquireExclusive() {
        return ImageLockUse.of(this, store);
    }

    /** Runs once as the drive closes, after its last command (the {@code stats=} document). */
    public void onClose(Runnable action) {
        onClose = action;
    }

    /** Every erase and program is in the image file already; closing gives the file (and its lock) back. */
    @Override
    public void close() {
        if (faults.close()) {
            try {
                onClose.run();
            } finally {
                store.close();
            }
        }
    }
}
