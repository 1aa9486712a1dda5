package dev.odflash.cli;

import dev.odflash.bytes.Sha256;
import dev.odflash.emulator.EmulatorProfile;
import dev.odflash.emulator.EmulatorProfiles;
import dev.odflash.emulator.EmulatorSpec;
import dev.odflash.emulator.download.DownloadFirmware;
import dev.odflash.emulator.firmware.Mtk8051Firmware;
import dev.odflash.image.ImageReport;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.status.KnownImage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Images odflash can name for `status`: an emulated profile's synthetic versions, each made by its own
 * family's generator (an mtk8051 image for a chip-style profile, the layout's download image for the
 * others: a BTC or TSST drive is never matched against 8051 images of the same size). Each carries its
 * version, so a drive that cannot be read is matched by the revision it reports.
 */
final class KnownImages {
    private KnownImages() {
    }

    static List<KnownImage> forDrive(String spec, DriveInfo info) {
        List<KnownImage> out = new ArrayList<>();
        if (!EmulatorSpec.isEmulator(spec)) {
            return out;
        }
        EmulatorSpec emu = EmulatorSpec.parse(spec);
        Optional<EmulatorProfile> profile = EmulatorProfiles.byName(emu.profile());
        if (profile.isEmpty()) {
            return out;
        }
        EmulatorProfile p = profile.get();
        for (String v : p.versions()) {
            image(p, emu, info, v).ifPresent(image -> out.add(new KnownImage("synthetic firmware " + v,
                    Sha256.hex(image), v, Optional.of(image))));
        }
        return out;
    }

    /**
     * The built-in images a file is, byte for byte (`identify`): each emulated profile of the file's layout
     * generates the version the file names, and matches when its SHA-256 is the file's. One image per
     * profile is made, so this stays cheap whatever the file.
     */
    static List<String> matching(ImageReport report) {
        List<String> out = new ArrayList<>();
        if (report.layout().isEmpty() || report.identity().isEmpty() || report.sha256().isEmpty()) {
            return out;
        }
        String v = report.identity().get().revision();
        for (EmulatorProfile p : EmulatorProfiles.all()) {
            if (!p.layout().equals(report.layout().get()) || !p.versions().contains(v)) {
                continue;
            }
            Optional<byte[]> image = p.family().chipStyle()
                    ? Optional.of((int) report.size()).filter(Mtk8051Firmware.SIZES::contains)
                            .map(s -> Mtk8051Firmware.generate(p.vendor(), p.product(), v, s))
                    : Optional.of(DownloadFirmware.image(p, v));
            if (image.isPresent() && Sha256.hex(image.get()).equals(report.sha256())) {
                out.add("the built-in synthetic firmware " + v + " of emu:" + p.name());
            }
        }
        return out;
    }

    /** What a unit of the profile holds with version {@code v}; empty when the size is not the generator's. */
    private static Optional<byte[]> image(EmulatorProfile p, EmulatorSpec emu, DriveInfo info, String v) {
        if (p.family().chipStyle()) {
            Optional<Integer> size = info.flashSize().map(s -> (int) s.bytes()).filter(Mtk8051Firmware.SIZES::contains);
            return size.map(s -> Mtk8051Firmware.generate(p.vendor(), p.product(), v, s));
        }
        // the unit's flash: the image plus this unit's serial and calibration, as the emulated drive holds it
        return Optional.of(DownloadFirmware.unitFlash(p, v, emu.params().getOrDefault("unit", "1")));
    }
}
