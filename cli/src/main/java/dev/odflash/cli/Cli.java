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
        cl.addSubcommand("list", new ListCommand(ctx));
        cl.addSubcommand("info", new InfoCommand(ctx));
        cl.addSubcommand("backup", new BackupCommand(ctx));
        cl.addSubcommand("flash", new FlashCommand(ctx));
        cl.addSubcommand("restore", new RestoreCommand(ctx));
        cl.addSubcommand("status", new StatusCommand(ctx));
        cl.addSubcommand("verify", new VerifyCommand(ctx));
        cl.addSubcommand("identify", new IdentifyCommand(ctx));
        cl.addSubcommand("convert", new ConvertCommand(ctx));
        cl.addSubcommand("extract", new ExtractCommand(ctx));
        cl.addSubcommand("chips", new ChipsCommand(ctx));
        cl.addSubcommand("doctor", new DoctorCommand(ctx));
        cl.addSubcommand("report", new ReportCommand(ctx)); // issue 16: an archive a user can send
        CommandLine emu = new CommandLine(new EmuCommand());
        emu.addSubcommand("profiles", new EmuProfilesCommand(ctx));
        emu.addSubcommand("firmware", new EmuFirmwareCommand(ctx));
        emu.addSubcommand("attach", new EmuAttachCommand(ctx)); // issue 16 §1: the emulated drive as a USB gadget
        emu.addSubcommand("detach", new EmuDetachCommand(ctx));
        cl.addSubcommand("emu", emu);
        CommandLine journal = new CommandLine(new JournalCommand());
        journal.addSubcommand("list", new JournalListCommand(ctx));
        journal.addSubcommand("adopt", new JournalAdoptCommand(ctx));
        journal.addSubcommand("discard", new JournalDiscardCommand(ctx));
        cl.addSubcommand("journal", journal);
        CommandLine libraryCommands = new CommandLine(new LibraryCommand());
        libraryCommands.addSubcommand("list", new LibraryListCommand(ctx));
        libraryCommands.addSubcommand("verify", new LibraryVerifyCommand(ctx));
        libraryCommands.addSubcommand("prune", new LibraryPruneCommand(ctx));
        cl.addSubcommand("library", libraryCommands);
        cl.addSubcommand("demo", new DemoCommand(ctx));
        cl.addSubcommand("gui", new GuiCommand(ctx)); // the desktop GUI (issue 17): the gui module
        cl.addSubcommand("help", new HelpCommand()); // `odflash help [CMD...]`, as git and cargo have it
        // --- install files (issue 18): completion script, its hidden value source, man pages ---
        cl.addSubcommand("completion", new CompletionCommand(ctx));
        cl.addSubcommand("__complete", new CompleteCommand(ctx));
        cl.addSubcommand("__man", new ManPagesCommand(ctx));
        // --- end install files ---
        addExitCodes(cl);
        HelpLayout.apply(cl);
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
        SuggestedCommand.Context suggestions = new SuggestedCommand.Context(env, cl);
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
