package dev.odflash.cli;

/**
 * The CLI in a child JVM as at a terminal (interactive), reading what the user types from stdin: a test's
 * {@link ChildCli#typing} gives the answers (a pipe is never a console, so {@link Main} would not ask).
 */
public final class TypingMain {
    private TypingMain() {
    }

    public static void main(String[] args) {
        int code = Cli.run(args, new Terminal(System.out, System.err, System.in, true), System.getenv());
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }
}
