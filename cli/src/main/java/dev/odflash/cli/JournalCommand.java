package dev.odflash.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "journal", header = "The journals of interrupted flashes: list, adopt, discard.", mixinStandardHelpOptions = true,
        description = {"The journals of interrupted flashes ($ODFLASH_HOME/journals). A journal belongs to one drive",
            "(vendor, product and serial, else the device path); only that drive's journal authorises a resume or a",
            "restore. `adopt` gives this drive a journal of its model kept under another key, after checking it is the",
            "same unit; `discard` removes one."})
final class JournalCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
