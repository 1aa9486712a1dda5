package dev.odflash.cli;

import picocli.CommandLine;

import java.util.List;
import java.util.Set;

/**
 * odflash's top-level commands, each built only when a run needs it. Building one reads its annotations (and
 * its children's), which a run pays for in the interpreter: the whole tree was about 40 % of the runtime image's
 * {@code info} on the emulated drive (docs/build-notes.md, start-up). A command line that starts with a command's
 * name gets that command alone under the root: picocli then parses it exactly as in the whole tree, since every
 * word after the name is the command's own or an inherited root option. Everything else (no command, a mistyped
 * one, {@code help}, and the install files that walk the tree) gets the whole tree. {@link SuggestedCommand} asks
 * for the whole tree when a hint names another command.
 */
final class CommandTree {
    /** Commands that read the whole tree: help's targets, completion scripts and their value source, man pages. */
    private static final Set<String> WHOLE_TREE = Set.of("help", "completion", "__complete", "__man");

    private CommandTree() {
    }

    /** The top-level commands in the order of the root's --help. */
    private static final List<String> NAMES = List.of("list", "info", "backup", "flash", "restore", "status", "verify",
            "identify", "convert", "extract", "chips", "doctor", "report", "emu", "journal", "library", "demo", "gui",
            "help", "completion", "__complete", "__man");

    /** Builds the command NAME (a switch, not a table of constructor references: each of those links a lambda). */
    private static Object make(String name, AppContext ctx) {
        return switch (name) {
            case "list" -> new ListCommand(ctx);
            case "info" -> new InfoCommand(ctx);
            case "backup" -> new BackupCommand(ctx);
            case "flash" -> new FlashCommand(ctx);
            case "restore" -> new RestoreCommand(ctx);
            case "status" -> new StatusCommand(ctx);
            case "verify" -> new VerifyCommand(ctx);
            case "identify" -> new IdentifyCommand(ctx);
            case "convert" -> new ConvertCommand(ctx);
            case "extract" -> new ExtractCommand(ctx);
            case "chips" -> new ChipsCommand(ctx);
            case "doctor" -> new DoctorCommand(ctx);
            case "report" -> new ReportCommand(ctx); // issue 16: an archive a user can send
            case "emu" -> {
                CommandLine emu = new CommandLine(new EmuCommand());
                emu.addSubcommand("profiles", new EmuProfilesCommand(ctx));
                emu.addSubcommand("firmware", new EmuFirmwareCommand(ctx));
                emu.addSubcommand("attach", new EmuAttachCommand(ctx)); // issue 16 §1: the emulated drive as a USB gadget
                emu.addSubcommand("detach", new EmuDetachCommand(ctx));
                yield emu;
            }
            case "journal" -> {
                CommandLine journal = new CommandLine(new JournalCommand());
                journal.addSubcommand("list", new JournalListCommand(ctx));
                journal.addSubcommand("adopt", new JournalAdoptCommand(ctx));
                journal.addSubcommand("discard", new JournalDiscardCommand(ctx));
                yield journal;
            }
            case "library" -> {
                CommandLine library = new CommandLine(new LibraryCommand());
                library.addSubcommand("list", new LibraryListCommand(ctx));
                library.addSubcommand("verify", new LibraryVerifyCommand(ctx));
                library.addSubcommand("prune", new LibraryPruneCommand(ctx));
                yield library;
            }
            case "demo" -> new DemoCommand(ctx);
            case "gui" -> new GuiCommand(ctx); // the desktop GUI (issue 17): the gui module
            case "help" -> new HelpCommand(); // `odflash help [CMD...]`, as git and cargo have it
            // install files (issue 18): completion script, its hidden value source, man pages
            case "completion" -> new CompletionCommand(ctx);
            case "__complete" -> new CompleteCommand(ctx);
            case "__man" -> new ManPagesCommand(ctx);
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    /** The names the run of ARGS needs: the one command its first word names, or every command. */
    static List<String> needed(String[] args) {
        if (args.length > 0 && NAMES.contains(args[0]) && !WHOLE_TREE.contains(args[0])) {
            return List.of(args[0]);
        }
        return NAMES;
    }

    /** Adds the commands NAMES (from {@link #needed}) to ROOT, in the order of the whole tree. */
    static void add(CommandLine root, AppContext ctx, List<String> names) {
        for (String name : NAMES) {
            if (names.contains(name)) {
                root.addSubcommand(name, make(name, ctx));
            }
        }
    }

    /** Whether ROOT holds every top-level command. */
    static boolean whole(CommandLine root) {
        return root.getSubcommands().keySet().containsAll(NAMES);
    }
}
