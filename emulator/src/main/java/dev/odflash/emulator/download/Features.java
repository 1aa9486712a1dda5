package dev.odflash.emulator.download;

import dev.odflash.emulator.core.Reply;
import dev.odflash.bytes.Ascii;
import dev.odflash.emulator.ConfigurationReply;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * GET CONFIGURATION (MMC-6 0x46, §5.3): Profile List (0x0000), Core (0x0001), Removable Medium
 * (0x0003) for every drive; for MT19xx drives also Logical Unit Serial Number (0x0108) and Firmware
 * Information (0x010C), the two single features FM stores ({@code 46 02 [feature] 00 00 00 00 1C 00}).
 * The serial is read from the unit's data in flash; the date from the image's INQUIRY template.
 */
final class Features {
    private Features() {
    }

    static Reply getConfiguration(DownloadDrive drive, byte[] cdb) {
        if (cdb.length < 10) {
            return Reply.invalidField();
        }
        int rt = Cdb.u8(cdb, 1) & 0x03;
        int start = Cdb.be16(cdb, 2);
        int alloc = Cdb.be16(cdb, 7);
        if (rt == 3) {
            return Reply.invalidField();
        }
        boolean medium = drive.quirks().mediumPresent();
        int[] profiles = LayoutPersonality.of(drive.profile().layout()).mmcProfiles();
        int current = medium ? profiles[profiles.length - 1] : 0; // modelled: the disc in the tray is read-only media
        return Reply.data(ConfigurationReply.assemble(features(drive, profiles, current), rt, start, alloc, current));
    }

    private static List<byte[]> features(DownloadDrive drive, int[] profiles, int current) {
        List<byte[]> list = new ArrayList<>();
        byte[] profileList = new byte[4 + 4 * profiles.length];
        profileList[2] = 0x03;                       // persistent, current
        profileList[3] = (byte) (4 * profiles.length);
        for (int i = 0; i < profiles.length; i++) {
            int p = profiles[profiles.length - 1 - i];
            profileList[4 + 4 * i] = (byte) (p >> 8);
            profileList[5 + 4 * i] = (byte) p;
            profileList[6 + 4 * i] = (byte) (p == current ? 1 : 0);
        }
        list.add(profileList);
        // Core: physical interface 2 = ATAPI, 8 = USB (the SE-506CB is a native USB device, §1.2 CM)
        int iface = LayoutPersonality.of(drive.profile().layout()).physicalInterface();
        list.add(new byte[] {0x00, 0x01, 0x07, 8, 0, 0, 0, (byte) iface, 0, 0, 0, 0});
        list.add(new byte[] {0x00, 0x03, 0x03, 4, 0x29, 0, 0, 0});
        if (LayoutPersonality.of(drive.profile().layout()).serialOffset().isPresent()) {
            drive.serial().ifPresent(s -> list.add(serial(s)));
            firmwareDate(drive).ifPresent(list::add);
        }
        return list;
    }

    /** 0x0108: ASCII serial, additional length a multiple of 4 (MMC-6). */
    private static byte[] serial(String serial) {
        int len = (serial.length() + 3) & ~3;
        byte[] f = new byte[4 + len];
        f[1] = 0x08;
        f[0] = 0x01;
        f[2] = 0x03;
        f[3] = (byte) len;
        Ascii.put(f, 4, len, serial);
        return f;
    }

    /** 0x010C: century, year, month, day, hour, minute, second as ASCII digits (MMC-6), from the template date. */
    private static Optional<byte[]> firmwareDate(DownloadDrive drive) {
        if (drive.state() != BootJudge.State.RUNNING) {
            return Optional.empty();
        }
        return drive.identity().flatMap(Identity::date).map(d -> d.replaceAll("[^0-9]", "")).filter(d -> d.length() >= 8)
                .map(d -> {
                    byte[] f = new byte[4 + 16];
                    f[0] = 0x01;
                    f[1] = 0x0C;
                    f[2] = 0x01;  // persistent (MMC-6: version 0, persistent, current bit)
                    f[3] = 0x10;
                    Ascii.put(f, 4, 14, (d + "000000").substring(0, 14));
                    f[2] |= 0x02;
                    return f;
                });
    }
}
