package dev.odflash.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "emu", header = "The built-in emulated drives: profiles, synthetic firmware, a USB gadget.", mixinStandardHelpOptions = true,
        description = "The built-in emulated drives: their profiles and synthetic firmware, and one served to this host's kernel as a USB drive (attach, detach).")
final class EmuCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
