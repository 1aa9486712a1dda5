package dev.odflash.image;

/**
 * Why an image is being checked, because the peers hold an image to different rules depending on what
 * happens to it next (docs/protocols.md §4.1, OP):
 * <ul>
 *   <li>{@link #FLASH}: a file about to be written to a drive (identify, flash, restore, status). OP's
 *       check of an image it is about to save ({@code fw_mtk_isokay}) requires 0x02 at every bank;</li>
 *   <li>{@link #EXTRACTION}: a candidate carved out of a vendor updater. OP's XFlash extraction
 *       accepts 0x02 or 0x80 at every bank start, so a candidate is not lost; it still has to pass
 *       {@link #FLASH} before it is written to a drive.</li>
 * </ul>
 * The caller names the purpose at each call, so no global switch decides how strict a check is.
 */
public enum CheckPurpose {
    FLASH, EXTRACTION
}
