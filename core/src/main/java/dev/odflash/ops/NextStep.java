package dev.odflash.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a user can do next after a failure, as a fact a view spells (the CLI as a command to paste, a GUI
 * as a button): core never names a command. Inside a core text a step appears as {@link #mention()},
 * as a {@link Choice} does, and {@link Failure#nextSteps()} lists the ones a failure names.
 */
public enum NextStep {
    /** Look at what the drive holds now (its verdict, a pending flash). */
    STATUS,
    /** List the journals of pending flashes. */
    JOURNAL_LIST,
    /** Run the command that failed again, as it was given (a resume or a retry). */
    RERUN,
    /** Ask the drive what it runs now (revision, boot mode). */
    INFO,
    /** Check the path to the drive. */
    DOCTOR,
    /** List the chip table. */
    CHIPS,
    /** Turn a file into the form odflash flashes (the file's own command, with its FILE). */
    CONVERT;

    private static final Pattern MENTION = Pattern.compile("\\{next:([A-Z_]+)}");

    /** The JSON word: "journal-list". */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The placeholder a core text carries where a view names this step: "{next:STATUS}". */
    public String mention() {
        return "{next:" + name() + "}";
    }

    /** The steps a text mentions, in order, each once. */
    public static List<NextStep> mentionedIn(String text) {
        List<NextStep> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        Matcher m = MENTION.matcher(text);
        while (m.find()) {
            for (NextStep s : values()) {
                if (s.name().equals(m.group(1)) && !out.contains(s)) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
