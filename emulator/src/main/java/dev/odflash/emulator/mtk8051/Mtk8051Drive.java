package dev.odflash.emulator.mtk8051;

import dev.odflash.emulator.EmulatedDrive;
import dev.odflash.emulator.EmulatorProfile;
import dev.odflash.emulator.FaultPlan;
import dev.odflash.emulator.FlashImageStore;
import dev.odflash.emulator.HostQuirks;
import dev.odflash.emulator.ImageLockUse;
import dev.odflash.emulator.chip.FlashChipModel;
import dev.odflash.emulator.chip.VirtualClock;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.ExclusiveUse;
import dev.odflash.transport.ScsiTransport;
import dev.odflash.transport.TransportException;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An emulated 8051-era MTK drive: a flash chip model, the firmware personality read from that flash
 * at power-on (INQUIRY comes from the template in the image, so flashing changes what it reports),
 * the ATAPI identity commands, and the vendor-mode chip channel. Faults and host quirks apply to
 * every command; every command advances the virtual clock by bus and chip time. Faults inside an
 * erase or program are the chip model's ({@link FlashChipModel}); when one cuts the power the drive
 * goes without power here, exactly as after {@code powerloss@cmd}.
 */
public final class Mtk8051Drive implements EmulatedDrive {
    private final String spec;
    private final EmulatorProfile profile;
    private final HostQuirks quirks;
    private final FaultPlan faults;
    private final VirtualClock clock;
    private final FlashChipModel chip;
    private final FlashImageStore store;
    private final byte[] factoryBoot;
    private final Mtk8051Scsi scsi;
    private final Mtk8051VendorChannel channel;
    private PowerState state;
    private FirmwareView firmware;
    private long commands;
    private long resets;
    private boolean closed;

    public Mtk8051Drive(String spec, EmulatorProfile profile, HostQuirks quirks, FaultPlan faults, VirtualClock clock,
                        FlashChipModel chip, FlashImageStore store, byte[] factoryBoot) {
        this.spec = spec;
        this.profile = profile;
        this.quirks = quirks;
        this.faults = faults;
        this.clock = clock;
        this.chip = chip;
        this.store = store;
        this.factoryBoot = factoryBoot.clone();
        this.scsi = new Mtk8051Scsi(this);
        this.channel = new Mtk8051VendorChannel(this);
        powerOn();
    }

    /** Boots from what the flash holds now (docs/architecture.md: boot mode, dead drive). */
    void powerOn() {
        firmware = FirmwareView.of(chip.contents(), factoryBoot);
        state = !firmware.bootIntact() ? PowerState.DEAD : firmware.mainValid() ? PowerState.RUNNING : PowerState.BOOT;
    }

    /**
     * Counts a command and applies faults before it runs. A drive without power or boot code gives
     * the host's timeout; the clock moves by that timeout so simulated time stays honest.
     */
    void beginCommand(String what, Duration timeout) throws TransportException {
        if (closed) {
            throw new IllegalStateException("device closed");
        }
        commands++;
        if (state == PowerState.POWERED_OFF) {
            clock.advance(timeout);
            throw new TransportException(TransportException.Kind.NO_ANSWER,
                    what + ": no answer, the drive lost power (it restarts from its flash on the next open)");
        }
        if (faults.powerLossAt(commands)) {
            throw powerLost(what, "power lost during command " + commands, timeout);
        }
        if (faults.resetAt(commands)) {
            busReset();
        }
        if (faults.timeoutAt(commands) || state == PowerState.DEAD) {
            clock.advance(timeout);
            throw new TransportException(TransportException.Kind.TIMEOUT, what + ": no answer within "
                    + timeout.toSeconds() + " s" + (state == PowerState.DEAD ? " (the drive does not respond)" : ""));
        }
    }

    /**
     * Power failed (between commands, or inside an erase or program that already left its cells as
     * the chip model cut them, and in the image file): the drive answers nothing more in this run, and
     * the host waits out its timeout. Returns the exception the host's call throws.
     */
    TransportException powerLost(String what, String why, Duration timeout) {
        state = PowerState.POWERED_OFF;
        clock.advance(timeout);
        return new TransportException(TransportException.Kind.NO_ANSWER,
                what + ": the drive stopped answering (" + why + ")");
    }

    /**
     * A bus reset ({@code reset@cmd:N}): the drive drops vendor mode and owes the host a UNIT
     * ATTENTION "power on, reset, or bus device reset occurred" (6/29/00, SPC-4 sense code table).
     * The flash and the running firmware are untouched.
     */
    private void busReset() {
        resets++;
        channel.reset(commands);
        scsi.reset();
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
        return commands;
    }

    /** Erase and program calls that reached the chip: tests use them to prove a refused gate wrote nothing. */
    @Override
    public long writeCommands() {
        return channel.writeCommands();
    }

    /** Bus resets injected by {@code reset@cmd:N} so far. */
    public long resets() {
        return resets;
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

    /** Every erase and program is in the image file already; closing gives the file (and its lock) back. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            store.close();
        }
    }
}
