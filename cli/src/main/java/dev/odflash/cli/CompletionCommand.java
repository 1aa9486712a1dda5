package dev.odflash.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `odflash completion bash|zsh`: prints the shell completion script (the package installs the same text). */
@Command(name = "completion", header = "Print the bash or zsh completion script.", mixinStandardHelpOptions = true,
        description = {"Print the completion script for SHELL on stdout: commands, options, device specs",
            "(the emulated drives and the drives `list` finds) and profile names. The Debian package installs it;",
            "from a clone: `source <(./odflash completion bash)` (bash) or",
            "`./odflash completion zsh > ~/.zfunc/_odflash` with ~/.zfunc on fpath (zsh)."})
final class CompletionCommand extends BaseCommand {
    enum Shell { bash, zsh }

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Spec
    CommandLine.Model.CommandSpec spec;

    CompletionCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() {
        CommandLine root = spec.root().commandLine();
        String script = shell == Shell.zsh ? CompletionScript.zsh(root) : CompletionScript.bash(root);
        ctx.terminal().out().print(script);
        ctx.terminal().out().flush();
        return ExitCode.OK;
    }
}
