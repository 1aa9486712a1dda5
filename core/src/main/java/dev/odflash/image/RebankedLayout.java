package dev.odflash.image;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rebanked LiteOn images (some 812S/832S/1213S+ DVD writers, docs/protocols.md §4.1, OP): on the chip
 * the image is in its physical layout, 16 KiB of boot code, one common area and then the remainder of
 * each bank. So the 64 KiB bank boundaries of the file land in the middle of code and do not start
 * with 0x02. OP's second validity rule recognises such a file by 0x02 at 0x0000 and at 0x4000 and
 * {@code "LITEONIT"} at 0xFFF8; OP rebanks it into the logical layout (every bank starting with the
 * common area) only in memory, for patching, and saves the physical layout again.
 *
 * <p>Recognising the layout is not permission to write it at chip level: odflash writes the file
 * byte for byte, so the drive's boot code must expect that same banking. {@link #forChipWrite} compares
 * the image with the drive's own backup and says whether the two agree.
 */
public final class RebankedLayout {
    static final int MARKER_OFFSET = 0xFFF8;
    private static final byte[] MARKER = "LITEONIT".getBytes(StandardCharsets.US_ASCII);
    /** The 8051-era 64 KiB code bank (docs/protocols.md §4.1). */
    private static final int BANK = 0x10000;
    private static final int JUMP = 0x4000;

    private RebankedLayout() {
    }

    /** OP's second rule: 0x02 at 0x0000 and at 0x4000, "LITEONIT" at 0xFFF8. */
    public static boolean liteOnMarked(byte[] image) {
        return image.length >= BANK && image[0] == 0x02 && image[JUMP] == 0x02
                && Arrays.equals(image, MARKER_OFFSET, MARKER_OFFSET + MARKER.length, MARKER, 0, MARKER.length);
    }

    /** The banks after bank 0 whose first byte is not 0x02 (8051 LJMP). */
    public static List<Integer> unjumpedBanks(byte[] image) {
        List<Integer> banks = new ArrayList<>();
        for (int bank = 1; bank < image.length / BANK; bank++) {
            if (image[bank * BANK] != 0x02) {
                banks.add(bank);
            }
        }
        return banks;
    }

    /** A LiteOn-marked image whose later banks do not all start with 0x02: its physical, rebanked layout. */
    public static boolean isRebanked(byte[] image) {
        return liteOnMarked(image) && !unjumpedBanks(image).isEmpty();
    }

    /** Whether writing {@code image} chip by chip over a drive that holds {@code backup} keeps its banking. */
    public sealed interface ChipWrite {
        /** Neither is rebanked: the rule does not apply. */
        record Unbanked() implements ChipWrite {
        }

        /** Both are in the rebanked physical layout: the image is laid out as the drive's boot code expects. */
        record SameLayout() implements ChipWrite {
        }

        /** The image is rebanked, the drive's own content is not. */
        record ImageRebankedOnly() implements ChipWrite {
        }

        /** The drive's own content is rebanked, the image is not (a logical-layout or plain image). */
        record DriveRebankedOnly() implements ChipWrite {
        }
    }

    public static ChipWrite forChipWrite(byte[] image, byte[] backup) {
        boolean imageRebanked = isRebanked(image);
        boolean driveRebanked = isRebanked(backup);
        if (imageRebanked && driveRebanked) {
            return new ChipWrite.SameLayout();
        }
        if (imageRebanked) {
            return new ChipWrite.ImageRebankedOnly();
        }
        return driveRebanked ? new ChipWrite.DriveRebankedOnly() : new ChipWrite.Unbanked();
    }
}
