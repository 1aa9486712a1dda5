package dev.odflash.cli;

import dev.odflash.emulator.EmulatorProfile;
import dev.odflash.emulator.EmulatorProfiles;
import dev.odflash.nativeio.DiscoveredDrive;
import dev.odflash.nativeio.OpticalDriveScan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * `odflash __complete devices|profiles`, hidden: the completion script's source of values it cannot
 * hold itself (CompletionScript). One candidate a line; the drives come from the same scan as `list`
 * (sysfs only, nothing is sent to a drive), so pressing Tab never talks to hardware.
 */
@Command(name = "__complete", hidden = true, description = "Completion candidates for the shell scripts.")
final class CompleteCommand extends BaseCommand {
    enum Kind { devices, profiles }

    @Parameters(paramLabel = "KIND", description = "devices or profiles.")
    Kind kind;

    /** Test hook: a fake sysfs tree instead of /sys (as list's). */
    @Option(names = "--sysfs", hidden = true, paramLabel = "DIR")
    Path sysfs;

    CompleteCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() {
        List<String> words = new ArrayList<>();
        if (kind == Kind.devices) {
            List<DiscoveredDrive> found = sysfs != null ? OpticalDriveScan.scan(sysfs) : OpticalDriveScan.scan();
            for (DiscoveredDrive d : found) {
                words.add(d.preferredNode());
            }
        }
        for (EmulatorProfile p : EmulatorProfiles.all()) {
            words.add(kind == Kind.devices ? "emu:" + p.name() : p.name());
        }
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            // a node name from sysfs that a shell word cannot hold as is is left out, not mangled
            if (!w.isEmpty() && w.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
                sb.append(w).append('\n');
            }
        }
        ctx.terminal().out().print(sb);
        ctx.terminal().out().flush();
        return ExitCode.OK;
    }
}
