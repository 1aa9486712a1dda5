package dev.odflash.emulator.download;

import dev.odflash.emulator.EmulatedDrive;
import dev.odflash.emulator.EmulatorProfile;
import dev.odflash.emulator.FaultPlan;
import dev.odflash.emulator.FlashImageStore;
import dev.odflash.emulator.HostQuirks;
import dev.odflash.emulator.ImageLockUse;
import dev.odflash.emulator.chip.CellSinkFailure;
import dev.odflash.emulator.chip.FlashChipModel;
import dev.odflash.emulator.chip.PowerLossException;
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
import java.util.function.Function;

/**
 * An emulated download-style drive (families btc, tsst, mt19xx): the host streams an image, the
 * drive's firmware burns it into its own flash chip. What it reports comes from the image in that
 * flash at power-on ({@link BootJudge}); a bad image leaves it in boot mode, where its boot loader
 * still takes a download; a damaged boot region leaves a drive that answers nothing.
 *
 * <p>Clocks: the drive clock is the one the host sees ({@link #clock()}); the chip runs on its own
 * clock inside the drive, and each burn is placed on the drive clock either inside the command that
 * triggers it (a stall of at least the documented length) or in the background, during which TEST
 * UNIT READY answers NOT READY / LONG WRITE IN PROGRESS (2/04/08).
 *
 * <p>Faults are the shared core's ({@link CommandFaults}, {@link EmulatedAtapiFrontEnd}), with one
 * meaning for every personality. {@code powerloss@cmd:N}: power is lost during command N, which does
 * not complete: a background burn started earlier runs up to the moment command N arrives, nothing of
 * command N itself happens (a chunk is not stored, a burn it would start or run does not start), and
 * nothing answers until the next open. {@code timeout@cmd:N}: command N is not answered (the drive
 * goes on). {@code reset@cmd:N}: a bus reset before command N drops the download held in RAM
 * (modelled) and command N reports UNIT ATTENTION 6/29/00. Chip faults ({@code powerloss@erase:K},
 * ...) act inside burns: the flash (and the image file, which gets every chip operation as it
 * happens) holds what the chip did so far.
 */
public final class DownloadDrive implements EmulatedDrive {
    private final String spec;
    private final EmulatorProfile profile;
    private final HostQuirks quirks;
    private final CommandFaults faults;
    private final VirtualClock clock;
    private final VirtualClock chipClock;
    private final FlashChipModel chip;
    private final FlashImageStore store;
    private final byte[] factoryBoot;
    private final Protocol protocol;
    private final EmulatedAtapiFrontEnd scsi;
    private BootJudge.State state;
    private Optional<Identity> identity;
    private Optional<String> serial = Optional.empty();
    private long burns;
    private BackgroundBurn background;
    private Runnable onClose = () -> { };

    DownloadDrive(String spec, EmulatorProfile profile, HostQuirks quirks, FaultPlan faults, VirtualClock clock,
                  VirtualClock chipClock, FlashChipModel chip, FlashImageStore store, byte[] factoryBoot,
                  Function<DownloadDrive, Protocol> protocol) {
        this.spec = spec;
        this.profile = profile;
        this.quirks = quirks;
        this.clock = clock;
        this.faults = new CommandFaults(faults, clock, new CommandFaults.Drive() {
            @Override
            public void catchUp() throws TransportException {
                DownloadDrive.this.catchUp();
            }

            @Override
            public String doing() {
                return background != null ? ", while the drive burnt" : "";
            }

            @Override
            public void busReset() { // the download in RAM is dropped (modelled), 6/29/00 owed
                DownloadDrive.this.protocol.reset();
                scsi.raiseUnitAttention();
            }

            @Override
            public boolean dead() {
                return state == BootJudge.State.DEAD;
            }
        });
        this.chipClock = chipClock;
        this.chip = chip;
        this.store = store;
        this.factoryBoot = factoryBoot.clone();
        this.protocol = protocol.apply(this);
        this.scsi = new EmulatedAtapiFrontEnd(quirks, clock, this.faults, new DownloadScsi(this));
        powerOn();
    }

    /** Boots from what the flash holds now. */
    private void powerOn() {
        byte[] flash = chip.contents();
        BootJudge.Judgement j = BootJudge.judge(LayoutPersonality.of(profile.layout()), flash, factoryBoot);
        state = j.state();
        identity = j.identity();
        serial = UnitSerial.read(LayoutPersonality.of(profile.layout()), flash);
        protocol.reset();
    }

    /** The drive restarts into the image it just burnt and owes the host a power-on UNIT ATTENTION. */
    void restart() {
        burns++;
        powerOn();
        scsi.raiseUnitAttention();
    }

    private void catchUp() throws TransportException {
        if (background == null) {
            return;
        }
        boolean finished;
        try {
            finished = background.advanceTo(clock.nanos());
        } catch (PowerLossException e) {
            background = null;
            throw faults.powerLost("burn", e.getMessage(), Duration.ZERO);
        } catch (CellSinkFailure e) {
            background = null;
            throw faults.storageFailed("burn", e);
        }
        if (finished) {
            background = null;
            restart();
        }
    }

    /** Burns {@code image[from, to)} inside the current command, which lasts at least {@code minStall}. */
    void burnNow(byte[] image, int from, int to, Duration minStall) throws TransportException {
        BurnJob job = new BurnJob(chip, chipClock, image, from, to, LayoutPersonality.of(profile.layout()).writeFloor());
        try {
            job.runAll();
        } catch (PowerLossException e) {
            clock.advance(job.elapsedNanos());
            throw faults.powerLost(e.getMessage());
        } catch (CellSinkFailure e) {
            clock.advance(job.elapsedNanos());
            throw faults.storageFailed("", e);
        }
        clock.advance(Math.max(minStall.toNanos(), job.elapsedNanos()));
    }

    /** Starts burning {@code image[from, to)} after this command; the drive restarts {@code restart} after it. */
    void burnInBackground(byte[] image, int from, int to, Duration restart) {
        background = new BackgroundBurn(new BurnJob(chip, chipClock, image, from, to, LayoutPersonality.of(profile.layout()).writeFloor()), clock.nanos(),
                restart.toNanos());
    }

    /** Reads flash for READ BUFFER; the chip's read time is spent on the drive clock. */
    byte[] readFlash(int offset, int length) {
        byte[] out = new byte[length];
        long before = chipClock.nanos();
        chip.read(offset, out, 0, length);
        clock.advance(chipClock.nanos() - before);
        return out;
    }

    boolean burning() { return background != null; }

    BootJudge.State state() { return state; }

    Optional<Identity> identity() { return identity; }

    Optional<String> serial() { return serial; }

    EmulatorProfile profile() { return profile; }

    HostQuirks quirks() { return quirks; }

    Protocol protocol() { return protocol; }

    @Override public long commands() { return faults.commands(); }

    /** WRITE BUFFER and {@code FF 00 01} CDBs that reached the drive, accepted or refused. */
    @Override public long writeCommands() { return scsi.writeCommands(); }

    /** Vendor CDBs a {@code bridge=drop-vendor} path swallowed before the drive saw them. */
    public long droppedByBridge() { return scsi.droppedByBridge(); }

    /** Completed burns (each followed by a restart). */
    public long burns() { return burns; }

    /** Revision the drive reports now ("BOOT" in boot mode). */
    public String revision() {
        return state == BootJudge.State.RUNNING ? identity.orElseThrow().revision() : "BOOT";
    }

    /** The chip, on the drive's internal clock (see the class comment). */
    @Override public FlashChipModel chipModel() { return chip; }

    @Override public String spec() { return spec; }

    @Override public ScsiTransport scsi() { return scsi; }

    /** Download families have no chip channel: the drive burns, the host never sees the chip. */
    @Override public Optional<ChipChannel> chipChannel() { return Optional.empty(); }

    @Override public VirtualClock clock() { return clock; }

    @Override public boolean emulated() { return true; }

    @Override
    public String pathKey() {
        return store.file().map(dev.odflash.emulator.ImageFileKey::of).orElse(spec);
    }

    @Override
    public List<String> notes() {
        String boot = LayoutPersonality.of(profile.layout()).bootNote();
        return List.of("emulated drive (" + profile.name() + "): " + profile.description(),
                "flash part " + chip.spec().name() + " is modelled (no source names the part in this drive)", boot);
    }

    @Override
    public ExclusiveUse acquireExclusive() {
        return ImageLockUse.of(this, store);
    }

    /**
     * A burn in progress finishes (the drive keeps its power when the host lets go); every erase and
     * program is in the image file as it happens, so closing only gives the file (and its lock) back.
     */
    @Override
    public void close() {
        if (!faults.close()) {
            return;
        }
        try {
            if (background != null && !faults.poweredOff()) {
                background.finish();
                restart();
            }
        } catch (PowerLossException e) {
            // a chip-level cut inside the rest of the burn: the cells stay as the chip left them
        } catch (CellSinkFailure e) {
            // nobody is left to tell: the file keeps what its disk took, which the next open reads as the chip
        } finally {
            background = null;
            try {
                onClose.run(); // after the burn finished: the counters include it
            } finally {
                store.close();
            }
        }
    }

    /** Runs once as the drive closes, after its last command and burn (the {@code stats=} document). */
    public void onClose(Runnable action) {
        onClose = action;
    }
}
