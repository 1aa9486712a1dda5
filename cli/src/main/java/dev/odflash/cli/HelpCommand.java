package dev.odflash.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * `odflash help [COMMAND...]`: the --help of a command, nested ones too (`help emu firmware`), as git
 * and cargo offer it; a mistyped command is a usage error with the nearest names (exit 2).
 */
@Command(name = "help", helpCommand = true, header = "Show the help of odflash or of a command.",
        description = "Show the help of odflash, or of COMMAND (nested ones too: `odflash help emu firmware`)."
                + " The same text as COMMAND --help.")
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Callable<Integer> {
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, e.g. flash or emu firmware.")
    List<String> commands = List.of();

    private CommandLine self;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter out,
                     PrintWriter err) {
        this.self = helpCommandLine;
        this.out = out;
    }

    @Override
    public Integer call() {
        CommandLine target = self.getParent();
        for (String name : commands) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null) {
                throw new CommandLine.ParameterException(target, "unknown command '" + name + "'"
                        + DidYouMean.suffix(name, target.getSubcommands().keySet()));
            }
            target = next;
        }
        target.usage(out);
        out.flush();
        return 0;
    }
}
