package dev.odflash.drive;

import java.util.Locale;
import java.util.Optional;

/**
 * One row of the drive table: an INQUIRY vendor and product pattern, the family and layout, the boot
 * region the host must not touch without {@code --include-boot}, and where the row comes from.
 *
 * @param match       how {@code product} is compared with the INQUIRY product
 * @param bootId      the boot loader's 16-byte ID a family checks before flashing (MT19xx: the first 16 bytes
 *                    of the config at 0x3000, redumper's allow-list, docs/protocols.md §2.2); empty for others
 * @param modelled    true when the INQUIRY strings are plausible values rather than taken from a source
 */
public record DriveModel(String vendor, String product, ProductMatch match, DriveFamily family, ImageLayout layout,
                         int bootRegion, Optional<String> bootId, boolean modelled, String source) {
    public boolean matches(String inquiryVendor, String inquiryProduct) {
        if (!vendor.equalsIgnoreCase(inquiryVendor.strip())) {
            return false;
        }
        // INQUIRY fields are space padded and some drives pad inside the field too ("BD-RE  BH16NS40")
        String p = inquiryProduct.strip().replaceAll(" +", " ").toUpperCase(Locale.ROOT);
        String want = product.strip().replaceAll(" +", " ").toUpperCase(Locale.ROOT);
        return match.test(p, want);
    }

    public String displayName() {
        return vendor + " " + product;
    }
}
