package dev.odflash.cli;

import dev.odflash.ops.DataHome;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.Writer;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Builds the command tree and runs one command line; in-process tests call {@link #run} directly. */
public final class Cli {
    private Cli() {
    }

    public static int run(String[] args, Terminal terminal, Map<String, String> env) {
        return run(args, terminal, env, Clock.systemUTC());
    }

    public static int run(String[] args, Terminal terminal, Map<String, String> env, Clock clock) {
        return run(args, terminal, env, clock, UnaryOperator.identity());
    }

    /** @param traceSink test seam: wraps the --trace file's writer (a sink that fails after N lines) */
    static int run(String[] args, Terminal given, Map<String, String> env, Clock clock, UnaryOperator<Writer> traceSink) {
        return run(args, given, env, clock, traceSink, UnaryOperator.identity());
    }

    /** @param logSink test seam: wraps the run log's writer (a sink that fails) */
    static int run(String[] args, Terminal given, Map<String, String> env, Clock clock, UnaryOperator<Writer> traceSink,
                   UnaryOperator<Writer> logSink) {
        // every byte a run prints passes the one sanitiser (docs/architecture.md "Small things"): nothing from outside reaches the terminal raw
        Terminal terminal = new Terminal(TerminalText.guard(given.out()), TerminalText.guard(given.err()), given.in(),
                given.interactive());
        if (VersionFastPath.applies(args)) {
            return VersionFastPath.answer(terminal); // start-up target (issue 18): no tree, no data home for two lines
        }
        RootCommand root = new RootCommand();
        CommandLine cl = new CommandLine(root);
        // the run's log (README "Logs"): created only when the command opens a drive
        DataHome home = DataHomes.resolve(env); // under sudo, the invoking user's (docs/architecture.md "Contracts")
        RunLog log = new RunLog(home.home(), clock, args, () -> root.options.debug,
                logSink, message -> new Output(terminal, false).warn(message));
        AppContext ctx = new AppContext(terminal, env, root.options, clock, traceSink, log, home, Arrays.asList(args));
        // only the command the line names, when it names one (start-up, issue 18: CommandTree)
        complete(cl, ctx, CommandTree.needed(args));
        cl.setOut(new PrintWriter(terminal.out(), true));
        cl.setErr(new PrintWriter(terminal.err(), true));
        cl.setParameterExceptionHandler((ex, arguments) -> {
            boolean json = Arrays.asList(arguments).contains("--json");
            new Output(terminal, json).error(ExitCode.USAGE, UsageErrors.message(ex));
            return ExitCode.USAGE.code();
        });
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            new Output(terminal, root.options.json).error(ExitCode.INTERNAL, "internal error: " + ex);
            if (root.options.debug) {
                ex.printStackTrace(terminal.err());
            }
            return ExitCode.INTERNAL.code();
        });
        // a hint naming a command this run's tree lacks reads that command from the whole tree, built then
        SuggestedCommand.Context suggestions = new SuggestedCommand.Context(env, cl,
                () -> CommandTree.whole(cl) ? cl : complete(new CommandLine(new RootCommand()), ctx, CommandTree.needed(new String[0])));
        cl.setExecutionStrategy(parsed -> {
            suggestions.parsed(parsed);
            StringBuilder name = new StringBuilder();
            for (CommandLine.ParseResult p = parsed.subcommand(); p != null; p = p.subcommand()) {
                name.append(name.isEmpty() ? "" : "-").append(p.commandSpec().name());
            }
            log.command(name.isEmpty() ? "odflash" : name.toString());
            return new CommandLine.RunLast().execute(parsed);
        });
        ctx.interrupts().activate(); // a signal now reaches this run (Main installs the handlers)
        try {
            home.note().ifPresent(n -> new Output(terminal, false).warn(n));
            return ScopedValue.where(RunLog.CURRENT, log).where(DataHome.CURRENT, home)
                    .where(SuggestedCommand.RUN, suggestions).call(() -> cl.execute(args));
        } finally {
            ctx.interrupts().deactivate();
            ctx.close();
            log.close();
        }
    }

    /** Adds the commands NAMES to the root ROOT with every --help's exit codes and layout; returns ROOT. */
    private static CommandLine complete(CommandLine root, AppContext ctx, java.util.List<String> names) {
        CommandTree.add(root, ctx, names);
        addExitCodes(root);
        HelpLayout.apply(root);
        return root;
    }

    /** The exit-code contract in every command's --help. */
    private static void addExitCodes(CommandLine cl) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (ExitCode c : ExitCode.values()) {
            codes.put(String.valueOf(c.code()), c.meaning());
        }
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        cl.getSubcommands().values().forEach(Cli::addExitCodes);
    }
}
