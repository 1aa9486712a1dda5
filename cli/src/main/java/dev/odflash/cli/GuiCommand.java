package dev.odflash.cli;

import dev.odflash.gui.Appearance;
import dev.odflash.gui.GuiLauncher;
import dev.odflash.gui.GuiStart;
import dev.odflash.gui.Screen;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

@Command(name = "gui", header = "Start the desktop application (or render one of its screens to a PNG).",
        mixinStandardHelpOptions = true,
        description = {"The desktop application on the same engine: drives, drive details, backup, library, firmware",
            "file, the flash wizard (gates with their own overrides, a dry-run plan, a typed confirmation, progress),",
            "the resume banner, diagnostics and settings. It runs as your user, never as root (refused, exit 4); a",
            "drive node you may not open read-write shows the command that gives you access.",
            "--screenshot FILE renders one screen to a new PNG (never overwritten: exit 4) and exits; it needs a",
            "display (Xvfb will do) and may run as root for CI."})
final class GuiCommand extends BaseCommand {
    @Option(names = {"-d", "--device"}, paramLabel = "SPEC",
            description = "A drive to show besides those the system lists (repeatable), e.g. emu:asus-crw-5224a; the first is selected.")
    List<String> devices = new ArrayList<>();

    @Option(names = "--screenshot", paramLabel = "FILE", description = "Render one screen to this PNG and exit.")
    Path screenshot;

    @Option(names = "--screen", paramLabel = "NAME", defaultValue = "drives",
            description = "The screen to show or render: drives, details, backup, library, file, flash, progress, result,"
                    + " diagnostics, settings (default drives).")
    String screen;

    @Option(names = "--theme", paramLabel = "T", description = "system, light or dark (default: the saved setting).")
    String theme;

    @Option(names = "--scale", paramLabel = "S", description = "UI scale, 1 to 4 (default: the saved setting or the desktop's).")
    Double scale;

    GuiCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() throws Exception {
        Screen s = Screen.ofWord(screen).orElseThrow(() -> OdflashException.usage("--screen " + screen + ": use one of "
                + String.join(", ", Arrays.stream(Screen.values()).map(Screen::word).toList())));
        Appearance.Theme t = theme == null ? Appearance.Theme.SYSTEM : switch (theme.toLowerCase(Locale.ROOT)) {
            case "system" -> Appearance.Theme.SYSTEM;
            case "light" -> Appearance.Theme.LIGHT;
            case "dark" -> Appearance.Theme.DARK;
            default -> throw OdflashException.usage("--theme " + theme + ": use system, light or dark");
        };
        if (scale != null && (scale < 1 || scale > 4)) {
            throw OdflashException.usage("--scale " + scale + ": a UI scale from 1 to 4");
        }
        if (screenshot == null && runsAsRoot()) {
            throw OdflashException.refused(Gate.HOST, "the GUI runs as your user, never as root: start it without sudo"
                    + " (drive access comes from the drive node's group: `odflash doctor` says which)");
        }
        if (screenshot != null && !Files.isDirectory(screenshot.toAbsolutePath().getParent())) {
            throw OdflashException.usage("--screenshot " + screenshot + ": its directory does not exist");
        }
        GuiLauncher.run(new CliGuiHost(ctx, devices), new GuiStart(Optional.ofNullable(screenshot),
                devices.stream().findFirst(), s, new Appearance(t, scale == null ? 0 : scale)), ctx.env());
        if (screenshot != null) {
            ctx.output().result(Output.object().put("screenshot", screenshot.toString()).put("screen", s.word()),
                    "wrote " + TerminalText.visible(screenshot.toString()) + " (" + s.word() + ")\n");
        }
        return ExitCode.OK;
    }

    /** uid 0 (Linux, from /proc); elsewhere there is no root to refuse. */
    static boolean runsAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
