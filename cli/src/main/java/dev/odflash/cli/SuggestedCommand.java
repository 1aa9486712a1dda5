package dev.odflash.cli;

import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one builder of every command line odflash tells a user to run (a hint, "To finish:", the demo's
 * steps, the EXAMPLES of --help): the program named as the user invoked it (the launcher exports it as
 * {@value #PROGRAM_ENV}), every word quoted for POSIX shells and zsh, and, with {@link #carrying()}, the
 * options the current run was given that the suggested command needs too (a named chip, a chip file, a
 * size, a download variant). README "Commands" promises that every suggestion pastes as printed.
 */
final class SuggestedCommand {
    /** Set by the `./odflash` launcher to the name it was invoked by (`./odflash` in a clone, `odflash` on PATH). */
    static final String PROGRAM_ENV = "ODFLASH_PROGRAM";
    /** The run a suggestion is made in: its program name and, once parsed, its command line. */
    static final ScopedValue<Context> RUN = ScopedValue.newInstance();
    /** Options that describe the drive or its download rather than a decision: a follow-up command needs them again. */
    private static final List<String> CARRIED = List.of("--chip", "--size", "--chip-db", "--mt19xx-variant");
    /** Words a POSIX shell and zsh both take literally; anything else is single-quoted. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    /** The current run: the program's name, the command tree, and the parsed command line once there is one. */
    static final class Context {
        private final String program;
        private final CommandLine root;
        private volatile CommandLine.ParseResult parsed;

        Context(Map<String, String> env, CommandLine root) {
            String p = env.get(PROGRAM_ENV);
            this.program = p == null || p.isBlank() ? "odflash" : p;
            this.root = root;
        }

        void parsed(CommandLine.ParseResult result) {
            this.parsed = result;
        }
    }

    private final Context context;
    private final List<String> subcommand;
    private final List<String> words = new ArrayList<>();

    private SuggestedCommand(Context context, List<String> subcommand) {
        this.context = context;
        this.subcommand = subcommand;
        words.addAll(subcommand);
    }

    /** A suggestion of {@code odflash SUBCOMMAND...} ("journal", "adopt" for a nested one). */
    static SuggestedCommand of(String... subcommand) {
        return new SuggestedCommand(RUN.isBound() ? RUN.get() : null, List.of(subcommand));
    }

    SuggestedCommand option(String name, String value) {
        words.add(name);
        words.add(value);
        return this;
    }

    SuggestedCommand flag(String name) {
        words.add(name);
        return this;
    }

    SuggestedCommand arg(String value) {
        words.add(value);
        return this;
    }

    SuggestedCommand args(List<String> values) {
        words.addAll(values);
        return this;
    }

    /**
     * Adds the options of {@link #CARRIED} the current run was given, where the suggested command takes
     * them: a run that needed {@code --chip} to reach the drive needs it again to finish.
     */
    SuggestedCommand carrying() {
        if (context == null || context.parsed == null) {
            return this;
        }
        CommandLine.Model.CommandSpec target = targetSpec();
        for (String name : CARRIED) {
            if (target != null && target.findOption(name) == null || words.contains(name)) {
                continue;
            }
            for (CommandLine.ParseResult p = context.parsed; p != null; p = p.subcommand()) {
                CommandLine.Model.OptionSpec o = p.matchedOption(name);
                if (o != null && !o.originalStringValues().isEmpty()) {
                    String value = o.originalStringValues().getLast();
                    // a relative --chip-db is made absolute: a suggestion may be pasted in another directory
                    words.add(name);
                    words.add(name.equals("--chip-db") ? Path.of(value).toAbsolutePath().toString() : value);
                    break;
                }
            }
        }
        return this;
    }

    private CommandLine.Model.CommandSpec targetSpec() {
        CommandLine c = context.root;
        for (String s : subcommand) {
            c = c == null ? null : c.getSubcommands().get(s);
        }
        return c == null ? null : c.getCommandSpec();
    }

    /** The words after the program name, unquoted: what the suggested run's argv will be. */
    List<String> argv() {
        return List.copyOf(words);
    }

    /** The program as the user invoked it. */
    static String program() {
        return RUN.isBound() ? RUN.get().program : "odflash";
    }

    /** The command line to paste: every word quoted where a shell would otherwise split or expand it. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(quote(context == null ? "odflash" : context.program));
        words.forEach(w -> sb.append(' ').append(quote(w)));
        return sb.toString();
    }

    /**
     * One word for bash, dash and zsh: left bare only when every character is literal in all of them (a
     * leading '=' is zsh's path expansion, so it is quoted too), else in single quotes with each ' as '\''.
     */
    static String quote(String word) {
        if (PLAIN.matcher(word).matches() && !word.startsWith("=")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
