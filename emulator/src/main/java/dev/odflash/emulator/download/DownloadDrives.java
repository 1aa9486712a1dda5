package dev.odflash.emulator.download;

import dev.odflash.chip.ChipSpec;
import dev.odflash.emulator.EmulatorProfile;
import dev.odflash.emulator.EmulatorSpec;
import dev.odflash.emulator.FaultPlan;
import dev.odflash.emulator.FlashImageStore;
import dev.odflash.emulator.HostQuirks;
import dev.odflash.emulator.chip.FlashChipModel;
import dev.odflash.emulator.chip.VirtualClock;

import dev.odflash.transport.TransportException;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Opens a download-family profile: the unit's flash from {@code ?image=} (or, new, the profile's
 * default version with this unit's data: {@code ?unit=NAME}, default "1", seeds serial and
 * calibration so two units differ), a chip model on the drive's internal clock, and the family's
 * protocol.
 */
public final class DownloadDrives {
    private DownloadDrives() {
    }

    public static DownloadDrive open(String specText, EmulatorSpec spec, EmulatorProfile profile, ChipSpec chip,
                                     HostQuirks quirks, FaultPlan faults, FlashImageStore store)
            throws IOException, TransportException {
        int size = (int) chip.size();
        String unit = spec.params().getOrDefault("unit", "1");
        byte[] factory = DownloadFirmware.unitFlash(profile, profile.defaultVersion(), unit);
        byte[] flash = store.open(size, factory); // a new ?image= file starts as this unit with the default version
        try {
            DownloadDrive drive = open(specText, profile, quirks, faults, store, chip, flash, factory,
                    spec.params().get("readbuffer"));
            if (spec.params().containsKey("timescale")) { // the wall clock, sped up (`emu attach` always sets it)
                drive.clock().paceToWall(spec.number("timescale", 1));
            }
            return drive;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static DownloadDrive open(String specText, EmulatorProfile profile, HostQuirks quirks, FaultPlan faults,
                                      FlashImageStore store, ChipSpec chip, byte[] flash, byte[] factory,
                                      String readBuffer) {
        LayoutPersonality personality = LayoutPersonality.of(profile.layout());
        if (readBuffer != null && !personality.scopedReadBuffer()) {
            throw new IllegalArgumentException("readbuffer= applies to the mt1959 profile (asus-bw16d1ht) only");
        }
        ReadBufferScope scope = ReadBufferScope.of(readBuffer);
        VirtualClock clock = new VirtualClock();
        VirtualClock chipClock = new VirtualClock();
        FlashChipModel model = new FlashChipModel(chip, flash, chipClock, faults.seed(), faults.chipFaults());
        model.persistTo(store);
        Function<DownloadDrive, Protocol> protocol = d -> personality.protocol(d, scope);
        return new DownloadDrive(specText, profile, quirks, faults, clock, chipClock, model, store,
                Arrays.copyOf(factory, personality.bootRegion()), protocol);
    }
}
