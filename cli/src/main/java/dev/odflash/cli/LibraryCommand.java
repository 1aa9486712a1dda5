package dev.odflash.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "library", header = "The backup library: list, verify, prune.", mixinStandardHelpOptions = true,
        description = {"The backup library ($ODFLASH_HOME/backups/<vendor>_<product>/, default ~/.local/share/odflash).",
            "It keeps one entry per content and drive: a later backup of the same content is recorded in the entry's",
            "sidecar (its \"seen\" list). `list` shows the entries, `verify` hashes every image again (exit 5 on a",
            "damaged entry), `prune` removes duplicates and interrupted dumps after a confirmation (or --yes)."})
final class LibraryCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
