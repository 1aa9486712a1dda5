package dev.odflash.ops.flash;

import dev.odflash.bytes.Sha256;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.OdflashException;
import dev.odflash.protocol.Configuration;
import dev.odflash.protocol.Spc;
import dev.odflash.transport.Device;
import dev.odflash.transport.TransportException;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Which drive a journal belongs to (docs/architecture.md "Contracts"): vendor, product and the unit's
 * serial when the drive reports one (GET CONFIGURATION feature 0x0108, else the Unit Serial Number
 * VPD page 0x80), else vendor, product and the device path ({@link Device#pathKey}: the SCSI address
 * on Linux, the image file's real path on an emulated drive, so {@code ./x.bin} and {@code x.bin}
 * are one drive). {@link #id} is the journal's file name.
 *
 * @param basis {@link #SERIAL} or {@link #PATH}
 * @param value the serial or the path
 */
public record DriveKey(String vendor, String product, String basis, String value) {
    public static final String SERIAL = "serial";
    public static final String PATH = "path";

    /** The key of an opened, probed drive; sends at most one INQUIRY (VPD 0x80) when GET CONFIGURATION had no serial. */
    public static DriveKey of(DriveInfo info, Device device) throws OdflashException {
        String vendor = info.inquiry().vendor().strip();
        String product = info.inquiry().product().strip();
        Optional<String> serial = info.configuration().flatMap(Configuration::unitSerial);
        if (serial.isEmpty() && (device.programmer().isPresent() || info.deadDrive())) {
            // a dead drive (no ATAPI answer) has no serial to ask for either: the path is its key
            // a chip on a clip: the identity comes from its contents (vendor, product), the path from the programmer
            return new DriveKey(vendor, product, PATH, device.pathKey());
        }
        if (serial.isEmpty()) {
            try {
                serial = new Spc(device.scsi()).unitSerialNumber();
            } catch (TransportException e) {
                throw OdflashException.device("drive " + device.spec() + " did not answer INQUIRY (VPD 0x80): "
                        + e.getMessage(), e, "INQUIRY (VPD 0x80)");
            }
        }
        return serial.map(s -> new DriveKey(vendor, product, SERIAL, s))
                .orElseGet(() -> new DriveKey(vendor, product, PATH, device.pathKey()));
    }

    /** The file-name-safe form: readable vendor and product, then a hash of the whole key. */
    public String id() {
        String identity = vendor + "|" + product + "|" + basis + ":" + value;
        return modelPrefix(vendor, product) + Sha256.hex(identity.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    /** Every key of one model starts with this (journal file names of one vendor and product). */
    public static String modelPrefix(String vendor, String product) {
        return safe(vendor) + "_" + safe(product) + "_";
    }

    /** Whether a journal is of this drive's model (vendor and product; a serial or path may differ). */
    public boolean sameModel(Journal j) {
        return norm(j.vendor()).equals(norm(vendor)) && norm(j.product()).equals(norm(product));
    }

    /** How the key reads in messages: "serial S" or "path P". */
    public String describe() {
        return basis + " " + value;
    }

    private static String norm(String s) {
        return s.strip().toUpperCase(Locale.ROOT);
    }

    private static String safe(String s) {
        String t = s.strip().replaceAll("[^A-Za-z0-9.\\-]", "-");
        return t.isEmpty() ? "unknown" : t;
    }
}
