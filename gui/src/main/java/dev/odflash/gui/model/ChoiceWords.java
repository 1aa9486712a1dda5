package dev.odflash.gui.model;

import dev.odflash.ops.Choice;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GUI's words for the engine's {@link Choice}s: a gate's override is a checkbox with a label and an
 * explanation of what it risks. The GUI names no command-line option anywhere (ArchitectureTest).
 */
public final class ChoiceWords {
    private static final Pattern MENTION = Pattern.compile("\\{choice:([A-Z_]+)}");

    private ChoiceWords() {
    }

    /** The override's checkbox label. */
    public static String label(Choice c) {
        return switch (c) {
            case ALLOW_CROSS_FLASH -> "Flash another model's firmware (cross-flash)";
            case ALLOW_REINSTALL -> "Reinstall the version the drive already runs";
            case ALLOW_OLDER -> "Allow an older version (downgrade)";
            case INCLUDE_BOOT -> "Also erase and program the boot region";
            case WITHOUT_BACKUP -> "Flash without a backup";
            case REGIONS_ONLY -> "Back up only the regions the flash keeps";
            case ALLOW_BATTERY -> "Flash although the computer runs on a low battery";
            case YES -> "Confirm without asking";
            case CHIP_NAMED -> "Name the flash chip";
            case CHIP_DB -> "Add a chip table";
            case SIZE_GIVEN -> "Give the flash size";
            case OWN_BACKUP -> "Use a backup file of your own";
            case KEY_GIVEN -> "Give a key file";
            case DRY_RUN -> "Dry run";
            case OTHER_OUTPUT -> "Choose another file name";
            case ADOPT_JOURNAL -> "Adopt or discard the other journal";
            case EXTRACT_UPDATER -> "Extract the firmware from the updater";
            case MT19XX_VARIANT -> "Choose the download variant";
            case ALLOW_UNPROTECT -> "Clear the chip's write protection first";
            case MODEL_NAMED -> "Name the drive model";
            case FAMILY_NAMED -> "Name the drive family";
            case IDENTITY_CONFIRMED -> "Confirm the backup's drive";
        };
    }

    /** What the override risks, shown under its checkbox. */
    public static String explanation(Choice c) {
        return switch (c) {
            case ALLOW_CROSS_FLASH -> "The image was made for another model. It may not run this drive's mechanism.";
            case ALLOW_REINSTALL -> "Rewrites the same firmware: useful only to repair a damaged copy.";
            case ALLOW_OLDER -> "Older firmware may lack fixes, and some drives refuse to run it.";
            case INCLUDE_BOOT -> "If the boot region is damaged the drive cannot start or be recovered over ATAPI.";
            case WITHOUT_BACKUP -> "This drive cannot be read, so there will be nothing to restore from.";
            case REGIONS_ONLY -> "Only the drive's own data is saved; this backup can never restore the whole drive.";
            case ALLOW_BATTERY -> "A flash cut short by an empty battery can leave the drive dead.";
            case ALLOW_UNPROTECT -> "The protection guards a range the flash writes; it is cleared only for this flash"
                    + " and a lock only hardware can lift still refuses.";
            default -> "";
        };
    }

    /** Whether the GUI offers this choice as a gate's own override checkbox. */
    public static boolean isOverride(Choice c) {
        return !explanation(c).isEmpty();
    }

    /** A core text with each choice placeholder replaced by the GUI's words ("“Allow an older version”"). */
    public static String words(String coreText) {
        Matcher m = MENTION.matcher(coreText);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Optional<Choice> c = parse(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(c.map(x -> "\u201C" + label(x) + "\u201D").orElse(m.group())));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static Optional<Choice> parse(String name) {
        try {
            return Optional.of(Choice.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
