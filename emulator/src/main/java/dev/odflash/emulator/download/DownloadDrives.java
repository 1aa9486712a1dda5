package dev.odflash.emulator.download;

import dev.odflash.chip.ChipSpec;
import dev.odflash.emulator.EmulatorProfile;
import dev.odflash.emulator.EmulatorSpec;
import dev.odflash.emulator.FaultPlan;
import dev.odflash.emulator.FlashImageStore;
import dev.odflash.emulator.HostQuirks;
import dev.odflash.emulator.chip.FlashChipModel;
import dev.odflash.emulator.chip.VirtualClock;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
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
                                     HostQuirks quirks, FaultPlan faults, FlashImageStore store) throws IOException {
        int size = (int) chip.size();
        String unit = spec.params().getOrDefault("unit", "1");
        byte[] factory = DownloadFirmware.unitFlash(profile, profile.defaultVersion(), unit);
        Optional<byte[]> stored = store.load(size);
        VirtualClock clock = new VirtualClock();
        VirtualClock chipClock = new VirtualClock();
        FlashChipModel model = new FlashChipModel(chip, stored.orElse(factory), chipClock, faults.seed(),
                faults.chipFaults());
        Function<DownloadDrive, Protocol> protocol = switch (profile.family()) {
            case BTC -> BtcProtocol::new;
            case TSST -> TsstProtocol::new;
            case MT19XX -> Mt1959Protocol::new;
            default -> throw new IllegalArgumentException(profile.family().word() + " is not a download family");
        };
        DownloadDrive drive = new DownloadDrive(specText, profile, quirks, faults, clock, chipClock, model, store,
                Arrays.copyOf(factory, BootJudge.bootRegion(profile.layout())), protocol);
        if (stored.isEmpty()) {
            drive.persist(); // a new ?image= file starts as this unit with the default version
        }
        return drive;
    }
}
