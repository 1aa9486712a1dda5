package dev.odflash.cli;

import dev.odflash.ops.Given;
import dev.odflash.ops.flash.Journal;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    /**
     * Test seam: where every suggestion printed in a run is recorded, as the line shown and the argv it
     * stands for (program first), so the CLI tests paste each one into bash and zsh and compare.
     */
    static final ScopedValue<Map<String, List<String>>> PRINTED = ScopedValue.newInstance();
    /** The run a suggestion is made in: its program name and, once parsed, its command line. */
    static final ScopedValue<Context> RUN = ScopedValue.newInstance();
    /** Options that describe the drive or its download rather than a decision: a follow-up command needs them again. */
    private static final List<String> CARRIED = List.of("--chip", "--size", "--chip-db", "--mt19xx-variant", "--model");
    /** Words a POSIX shell and zsh both take literally; anything else is single-quoted. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    /** The current run: the program's name, the command tree, and the parsed command line once there is one. */
    static final class Context {
        private final String program;
        private final CommandLine root;
        private final java.util.function.Supplier<CommandLine> wholeTree;
        private CommandLine whole;
        private volatile CommandLine.ParseResult parsed;

        /** @param wholeTree the whole command tree, asked for when ROOT lacks a command a hint names (CommandTree) */
        Context(Map<String, String> env, CommandLine root, java.util.function.Supplier<CommandLine> wholeTree) {
            String p = env.get(PROGRAM_ENV);
            this.program = p == null || p.isBlank() ? "odflash" : p;
            this.root = root;
            this.wholeTree = wholeTree;
        }

        /** The run's tree when it holds the command named first, else the whole tree (built once). */
        synchronized CommandLine rootFor(List<String> subcommand) {
            if (subcommand.isEmpty() || root.getSubcommands().containsKey(subcommand.getFirst())) {
                return root;
            }
            if (whole == null) {
                whole = wholeTree.get();
            }
            return whole;
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

    /**
     * The command that finishes a pending flash: {@code flash --device SPEC FILE} with every choice its
     * journal recorded, and (for a journal written before choices were recorded) those of the current run.
     */
    static SuggestedCommand finishing(String spec, Journal j) {
        return of("flash").option("--device", spec).given(j.given()).carrying().arg(j.targetFile());
    }

    /** The command that writes this unit's backup back. */
    static SuggestedCommand restoring(String spec, Path backup) {
        return restoring(spec, backup, List.of());
    }

    /** The command that writes this unit's backup back, with the choices a pending flash's journal recorded. */
    static SuggestedCommand restoring(String spec, Path backup, List<Given> given) {
        return of("restore").option("--device", spec).given(given).carrying().arg(backup.toString());
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
        CommandLine c = context.rootFor(subcommand);
        for (String s : subcommand) {
            c = c == null ? null : c.getSubcommands().get(s);
        }
        return c == null ? null : c.getCommandSpec();
    }

    /**
     * Adds the choices a journal recorded its run was given ({@link Journal#given}) that the suggested
     * command takes: the command that finishes a flash needs what started it (a chip, a variant, an override).
     */
    SuggestedCommand given(List<Given> given) {
        CommandLine.Model.CommandSpec target = context == null ? null : targetSpec();
        for (Given g : given) {
            String name = OutcomeText.flag(g.choice());
            if (!name.startsWith("-") || target != null && target.findOption(name) == null || words.contains(name)) {
                continue;
            }
            words.add(name);
            g.value().ifPresent(words::add);
        }
        return this;
    }

    /** Adds the current run's --device where the suggested command takes one (a status after a failed flash). */
    SuggestedCommand sameDevice() {
        if (context == null || context.parsed == null || words.contains("--device")) {
            return this;
        }
        for (CommandLine.ParseResult p = context.parsed; p != null; p = p.subcommand()) {
            CommandLine.Model.OptionSpec o = p.matchedOption("--device");
            if (o != null && !o.originalStringValues().isEmpty()) {
                words.add("--device");
                words.add(o.originalStringValues().getLast());
                break;
            }
        }
        return carrying();
    }

    /**
     * The current run's command line, to run again (a resume, a retry): its subcommand, options and
     * arguments as given, without the hidden test hooks and without {@code --trace} (a trace file is one
     * run's, and an existing one is refused). Empty before the command line is parsed.
     */
    static Optional<SuggestedCommand> rerun() {
        Context c = RUN.isBound() ? RUN.get() : null;
        if (c == null || c.parsed == null) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        Map<String, CommandLine.Model.OptionSpec> options = new java.util.HashMap<>();
        for (CommandLine.ParseResult p = c.parsed; p != null; p = p.subcommand()) {
            if (p != c.parsed) {
                names.add(p.commandSpec().name());
            }
            p.commandSpec().options().forEach(o -> java.util.Arrays.stream(o.names()).forEach(n -> options.put(n, o)));
        }
        // the user's own order, with the dropped options and their values taken out
        List<String> kept = new ArrayList<>();
        List<String> given = c.parsed.originalArgs();
        boolean positionalOnly = false;
        for (int i = 0; i < given.size(); i++) {
            String a = given.get(i);
            if (!positionalOnly && a.equals("--")) {
                positionalOnly = true;
            }
            int eq = a.indexOf('=');
            CommandLine.Model.OptionSpec o = positionalOnly ? null : options.get(eq > 0 ? a.substring(0, eq) : a);
            if (o != null && (o.hidden() || o.longestName().equals("--trace"))) {
                if (eq < 0 && o.arity().max() > 0) {
                    i++; // its value
                }
                continue;
            }
            kept.add(a);
        }
        SuggestedCommand s = new SuggestedCommand(c, names);
        s.words.clear();
        s.words.addAll(kept);
        return Optional.of(s);
    }

    /** The same command with a flag added (once), as a refusal suggests it: the override that passes its gate. */
    SuggestedCommand withFlag(String name) {
        if (!has(name)) {
            words.add(name);
        }
        return this;
    }

    /** The same command without an option and its value (a refused --backup FILE left out). */
    SuggestedCommand without(String name) {
        words.removeIf(w -> w.startsWith(name + "="));
        int i = words.indexOf(name);
        if (i >= 0) {
            words.remove(i);
            if (i < words.size()) {
                words.remove(i);
            }
        }
        return this;
    }

    /** Whether the suggested command gives this option (as a word of its own or as NAME=VALUE). */
    boolean has(String name) {
        return words.stream().anyMatch(w -> w.equals(name) || w.startsWith(name + "="));
    }

    /** Whether the suggested command takes an option of this name. */
    boolean takes(String name) {
        CommandLine.Model.CommandSpec target = context == null ? null : targetSpec();
        return target != null && target.findOption(name) != null;
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
        String program = context == null ? "odflash" : context.program;
        StringBuilder sb = new StringBuilder(quote(program));
        words.forEach(w -> sb.append(' ').append(quote(w)));
        String line = sb.toString();
        if (PRINTED.isBound()) {
            List<String> argv = new ArrayList<>();
            argv.add(program);
            argv.addAll(words);
            PRINTED.get().put(line, List.copyOf(argv));
        }
        return line;
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
