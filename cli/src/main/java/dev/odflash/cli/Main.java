package dev.odflash.cli;

/** Process entry point: runs the CLI on the real streams and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        java.io.Console console = System.console();
        boolean terminal = console != null && console.isTerminal();
        SignalHandlers.install(); // Ctrl-C, SIGINT, SIGTERM: docs/architecture.md "Interruption"
        int code = Cli.run(args, new Terminal(System.out, System.err, System.in, terminal), System.getenv());
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }
}
