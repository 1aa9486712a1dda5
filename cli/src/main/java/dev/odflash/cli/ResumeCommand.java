package dev.odflash.cli;

import java.util.List;
import java.util.regex.Pattern;

/** A command line to paste into a POSIX shell (bash, zsh): every argument that needs it single-quoted. */
final class ResumeCommand {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private ResumeCommand() {
    }

    static String of(List<String> args) {
        StringBuilder sb = new StringBuilder("odflash");
        for (String a : args) {
            sb.append(' ').append(PLAIN.matcher(a).matches() ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }
}
