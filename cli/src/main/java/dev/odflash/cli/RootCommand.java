package dev.odflash.cli;

import dev.odflash.ops.ToolVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "odflash", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = {"Safe firmware backup, analysis and flashing for MediaTek-based optical drives.",
            "Try `odflash demo` for a guided run against the built-in emulated drive."})
final class RootCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions options;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"odflash " + ToolVersion.get(), "Java " + Runtime.version()};
        }
    }
}
