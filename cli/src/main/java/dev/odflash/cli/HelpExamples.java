package dev.odflash.cli;

import java.util.List;
import java.util.Map;

/**
 * The EXAMPLES of each command's --help, as argument lists: {@link SuggestedCommand} quotes them, so an
 * emulated device spec's '?' and '&' paste into bash and zsh as shown. Real drives are /dev/sg1 here.
 */
final class HelpExamples {
    private static final String EMU = "emu:asus-crw-5224a";
    private static final String EMU_FILE = EMU + "?image=flash.bin";
    private static final Map<String, List<List<String>>> BY_COMMAND = Map.ofEntries(
            Map.entry("", List.of(List.of("demo"), List.of("list"), List.of("info", "--device", EMU),
                    List.of("help", "flash"))),
            Map.entry("list", List.of(List.of("list"), List.of("list", "--json"))),
            Map.entry("info", List.of(List.of("info", "--device", "/dev/sg1"),
                    List.of("info", "--device", EMU + "?chip=unknown", "--chip", "SST39SF040"))),
            Map.entry("backup", List.of(List.of("backup", "--device", "/dev/sg1"),
                    List.of("backup", "--device", EMU_FILE, "-o", "backup.bin"))),
            Map.entry("flash", List.of(List.of("flash", "--device", "/dev/sg1", "--dry-run", "firmware.bin"),
                    List.of("flash", "--device", EMU_FILE, "1.20.bin"),
                    List.of("flash", "--device", EMU + "?chip=unknown&image=flash.bin", "--chip", "SST39SF040", "1.20.bin"))),
            Map.entry("status", List.of(List.of("status", "--device", "/dev/sg1"), List.of("status", "--device", EMU_FILE))),
            Map.entry("verify", List.of(List.of("verify", "--device", "/dev/sg1", "backup.bin"),
                    List.of("verify", "--device", EMU_FILE, "backup.bin"))),
            Map.entry("identify", List.of(List.of("identify", "firmware.bin"),
                    List.of("identify", "firmware.bin", "--device", EMU_FILE))),
            Map.entry("convert", List.of(List.of("convert", "firmware.hex", "-o", "firmware.bin"))),
            Map.entry("extract", List.of(List.of("extract", "updater.exe"), List.of("extract", "updater.exe", "-o", "images"))),
            Map.entry("chips", List.of(List.of("chips"), List.of("chips", "SST"), List.of("chips", "--json"))),
            Map.entry("restore", List.of(List.of("restore", "--device", "/dev/sg1"),
                    List.of("restore", "--device", EMU_FILE, "backup.bin"))),
            Map.entry("report", List.of(List.of("report", "--device", "/dev/sg1"),
                    List.of("report", "--device", EMU, "-o", "report.zip"))),
            Map.entry("doctor", List.of(List.of("doctor"), List.of("doctor", "--device", "/dev/sg1"))),
            Map.entry("emu", List.of(List.of("emu", "profiles"),
                    List.of("emu", "firmware", "--profile", EMU, "--version", "1.20", "-o", "1.20.bin"))),
            Map.entry("emu profiles", List.of(List.of("emu", "profiles"), List.of("emu", "profiles", "--json"))),
            Map.entry("emu firmware", List.of(List.of("emu", "firmware", "--profile", EMU, "--version", "1.20", "-o", "1.20.bin"))),
            Map.entry("emu attach", List.of(List.of("emu", "attach", "asus-bw16d1ht"),
                    List.of("emu", "attach", "emu:tsst-ts-h353c"))),
            Map.entry("emu detach", List.of(List.of("emu", "detach"))),
            Map.entry("journal", List.of(List.of("journal", "list"))),
            Map.entry("journal list", List.of(List.of("journal", "list"), List.of("journal", "list", "--json"))),
            Map.entry("journal adopt", List.of(List.of("journal", "adopt", "--device", "/dev/sg1"),
                    List.of("journal", "adopt", "--device", EMU_FILE, "--key", "KEY"))),
            Map.entry("journal discard", List.of(List.of("journal", "discard", "KEY"))),
            Map.entry("demo", List.of(List.of("demo"), List.of("demo", "--dir", "odflash-demo"))),
            Map.entry("completion", List.of(List.of("completion", "bash"), List.of("completion", "zsh"))),
            Map.entry("help", List.of(List.of("help", "flash"), List.of("help", "emu", "firmware"))));

    private HelpExamples() {
    }

    /** The examples of the command at this path ("emu", "firmware"); empty for a command without any. */
    static List<List<String>> of(List<String> command) {
        return BY_COMMAND.getOrDefault(String.join(" ", command), List.of());
    }

    /** Every command path that has examples (for the test that runs them all). */
    static java.util.Set<String> commands() {
        return BY_COMMAND.keySet();
    }
}
