package dev.odflash.family;

import dev.odflash.image.CheckPurpose;
import dev.odflash.drive.DriveFamily;
import dev.odflash.drive.ImageLayout;
import dev.odflash.family.btc.BtcFamily;
import dev.odflash.family.external.ExternalFamily;
import dev.odflash.family.mt19xx.Mt19xxFamily;
import dev.odflash.family.mtk8051.Mtk8051Family;
import dev.odflash.family.tsst.TsstFamily;
import dev.odflash.ops.Capability;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.DriveProbe;
import dev.odflash.ops.FlashReader;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.flash.FlashOptions;
import dev.odflash.ops.flash.FlashStrategy;
import dev.odflash.protocol.VendorProbe;
import dev.odflash.transport.Device;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The unit of support (docs/architecture.md "Drive families"): everything odflash knows about one way of
 * programming a drive's flash, in one package per family. Code outside the family packages asks a
 * {@code Family} and never switches on {@link DriveFamily}; adding a family is one new package, its
 * table rows and tests (docs/how-to-add-a-family.md).
 */
public sealed interface Family permits Mtk8051Family, BtcFamily, TsstFamily, Mt19xxFamily, ExternalFamily {
    /** The family's identifier in the drive table, JSON and text. */
    DriveFamily id();

    default String word() {
        return id().word();
    }

    /** Chip style: the host sees the chip (vendor mode, a clip); download style: the drive burns a stream. */
    default boolean chipStyle() {
        return id().chipStyle();
    }

    /** The image layouts this family's drives hold (each layout belongs to one family). */
    Set<ImageLayout> layouts();

    /** This family's image recognisers (none for a family whose images are another family's). */
    List<Recogniser> recognisers(Optional<byte[]> cmacKey, CheckPurpose purpose);

    /** What `info` says odflash can do with this drive (backup, flash, verify), or why not; by default the family's. */
    default List<Capability> capabilities(DriveInfo info, Device device) {
        return capabilities();
    }

    /** The same, for the family in general, before any drive is probed (`doctor`'s path lines). */
    List<Capability> capabilities();

    /** How the whole flash is read (two agreeing passes), when this drive can be read through this device. */
    Optional<FlashReader> reader(DriveInfo info, Device device);

    /** Why {@link #reader} is empty, for messages. */
    String noReadPathReason(DriveInfo info, Device device);

    /** The harmless vendor read `doctor` sends to see whether vendor commands reach the drive. */
    Optional<VendorProbe> doctorProbe();

    /** Why {@link #doctorProbe} is empty. */
    String noDoctorProbeReason();

    /**
     * The family's gates that need the drive (a chip channel, an identified chip) and its way of writing;
     * refuses (a {@link dev.odflash.ops.Failure.Refusal}) when this drive cannot be flashed by this family.
     *
     * @param reprobe identifies the drive again, for a family that verifies a download by identity
     */
    FlashStrategy flashStrategy(DriveInfo info, Device device, FlashOptions options, DriveProbe reprobe)
            throws OdflashException;

    /**
     * The regions of a flash of this size that belong to the unit or that a flash does not set (per-unit
     * data, a write-protected boot loader): `status` compares a drive with a flashed image outside them
     * (docs/architecture.md "Contracts", flash history). None by default: the whole flash is compared.
     */
    default List<dev.odflash.image.ImageRegion> unitRegions(long flashSize) {
        return List.of();
    }
}
