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
 * the ATAPI identity commands, and the vendor-mode chip channel. Faults, host quirks, UNIT ATTENTION
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
    private final Mtk8051VendorChannel channel;
    private PowerState state;
    private FirmwareView firmware;
    private Runnable onClose = () -> { };

    public Mtk8051Drive(String spec, EmulatorProfile profile, HostQuirks quirks, FaultPlan faults, VirtualClock clock,
                        FlashChipModel chip, FlashImageStore store, byte[] factoryBoot) {
        this.spec = spec;
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
        this.channel = new Mtk8051VendorChannel(this);
        powerOn();
    }

    /** Boots from what the flash holds now (docs/architecture.md: boot mode, dead drive). */
    void powerOn() {
        firmware = FirmwareView.of(chip.contents(), factoryBoot);
        state = !firmware.bootIntact() ? PowerState.DEAD : firmware.mainValid() ? PowerState.RUNNING : PowerState.BOOT;
    }

    /** Counts a command and applies the command faults before it runs ({@link CommandFaults#begin}). */
    void beginCommand(String what, Duration timeout) throws TransportException {
        faults.begin(what, timeout);
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
        channel.reset(faults.commands());
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
        return channel.writeCommands();
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
        return scsi;
    }

    @Override
    public Optional<ChipChannel> chipChannel() {
        return Optional.of(channel);
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
                "the vendor-mode chip channel is modelled on public behaviour (Vendor Intro, chip ID, bank read,"
                        + " erase, program, Outro); its wire bytes are not public (docs/protocols.md §7.1)");
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
