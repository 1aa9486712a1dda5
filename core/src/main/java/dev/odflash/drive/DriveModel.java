package dev.odflash.drive;

import java.util.Locale;

/**
 * One row of the drive table: an INQUIRY vendor and product pattern, the family and layout, the boot
 * region the host must not touch without {@code --include-boot}, and where the row comes from.
 *
 * @param match       how {@code product} is compared with the INQUIRY product: exact, prefix or contains
 * @param modelled    true when the INQUIRY strings are plausible values rather than taken from a source
 */
public record DriveModel(String vendor, String product, String match, DriveFamily family, ImageLayout layout,
                         int bootRegion, boolean modelled, String source) {
    public boolean matches(String inquiryVendor, String inquiryProduct) {
        if (!vendor.equalsIgnoreCase(inquiryVendor.strip())) {
            return false;
        }
        // INQUIRY fields are space padded and some drives pad inside the field too ("BD-RE  BH16NS40")
        String p = inquiryProduct.strip().replaceAll(" +", " ").toUpperCase(Locale.ROOT);
        String want = product.strip().replaceAll(" +", " ").toUpperCase(Locale.ROOT);
        return switch (match) {
            case "prefix" -> p.startsWith(want);
            case "contains" -> p.contains(want);
            default -> p.equals(want);
        };
    }

    public String displayName() {
        return vendor + " " + product;
    }
}
