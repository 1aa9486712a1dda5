package dev.odflash.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Arrays;
import java.util.List;

/** The words of a command line picocli could not parse: what was wrong, what was probably meant, where help is. */
final class UsageErrors {
    private UsageErrors() {
    }

    static String message(CommandLine.ParameterException ex) {
        CommandSpec spec = ex.getCommandLine().getCommandSpec();
        String message = ex.getMessage();
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String typed = u.getUnmatched().getFirst();
            if (typed.startsWith("-")) {
                String name = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
                List<String> options = spec.options().stream().filter(o -> !o.hidden())
                        .flatMap(o -> Arrays.stream(o.names())).filter(n -> n.startsWith("--")).toList();
                message += DidYouMean.suffix(name, options);
            } else if (!spec.subcommands().isEmpty()) {
                message = "unknown command '" + typed + "'" + DidYouMean.suffix(typed, spec.subcommands().keySet());
            }
        }
        return message + " (see `" + help(spec) + "`)";
    }

    /** `odflash [CMD...] --help` for this command, as the user invoked the program. */
    private static SuggestedCommand help(CommandSpec spec) {
        List<String> words = Arrays.asList(spec.qualifiedName().split(" "));
        return SuggestedCommand.of(words.subList(1, words.size()).toArray(String[]::new)).flag("--help");
    }
}
