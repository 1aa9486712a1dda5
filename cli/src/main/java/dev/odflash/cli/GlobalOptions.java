package dev.odflash.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;

/** Options every command accepts, before or after the subcommand name (docs/architecture.md "Contracts"). */
public final class GlobalOptions {
    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print exactly one JSON document on stdout (errors too: {\"error\": {...}}).")
    boolean json;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "No progress output on stderr.")
    boolean quiet;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces of failures.")
    boolean debug;

    @Option(names = "--chip-db", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Add the chips in FILE (the format of `odflash chips --json`, at most 4 MiB); same JEDEC IDs"
                    + " replace built-in rows. Every row is checked first (sizes, erase regions, timings, boot block,"
                    + " no name or ID twice); an error names the row and the field (exit 2).")
    Path chipDb;

    @Option(names = "--trace", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Write every command sent to the drive to FILE as JSON Lines (a new file: never"
                    + " overwritten, never through a link; if it cannot be written, a warning and the command goes on).")
    Path trace;

    @Option(names = "--trace-registers", scope = ScopeType.INHERIT,
            description = "With --trace, on a drive reached through its task-file registers (mtk8051 vendor mode):"
                    + " record every register access, not only the intro, ID and outro (a full flash is millions of lines).")
    boolean traceRegisters;

    /** Test hook (docs/testing.md): after the Nth command the drive answers, a stop is requested as by Ctrl-C. */
    @Option(names = "--interrupt-at-command", paramLabel = "N", split = ",", hidden = true, scope = ScopeType.INHERIT)
    java.util.List<Integer> interruptAt = java.util.List.of();
}
