package dev.odflash.cli;

/**
 * Answers a bare {@code odflash --version} (or {@code -V}) before the command tree is built. Building the
 * tree reads every command's annotations and resolving the data home makes FFM downcall stubs, which the
 * runtime image's AOT cache cannot hold (docs/build-notes.md section 4); neither is needed to print two
 * lines. Any other command line, {@code --version} with anything beside it included, takes the full path,
 * so picocli stays the one parser of options.
 */
final class VersionFastPath {
    private VersionFastPath() {
    }

    /** True when ARGS is exactly the version request picocli's standard help options would answer. */
    static boolean applies(String[] args) {
        return args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]));
    }

    /** Prints the same lines picocli prints for {@code --version} (RootCommand's version provider); exit 0. */
    static int answer(Terminal terminal) {
        for (String line : new RootCommand.Version().getVersion()) {
            terminal.out().println(line);
        }
        terminal.out().flush();
        return ExitCode.OK.code();
    }
}
