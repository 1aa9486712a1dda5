package dev.odflash.gui.model;

import java.util.List;

/**
 * The command lines the Recovery screen offers to copy into a terminal: the one place the GUI spells a command
 * line, because these paths need root (the GUI never runs as root) or an external programmer the GUI does not
 * drive. Each is shown as text to copy, never run by the GUI. ArchitectureTest exempts exactly this file from
 * its no-flag rule. The steps follow the README's "Recovering a dead drive with a clip" and the port forms of
 * its device table (port:1-4 are the legacy primary/secondary master/slave positions).
 */
public final class RecoveryCommands {
    private RecoveryCommands() {
    }

    /** A command to copy and why one would run it. */
    public record Command(String why, String line) {
    }

    /** The port path (Linux, root): a dead drive on an IDE channel, reached through its I/O ports. */
    public static List<Command> port() {
        return List.of(
                new Command("See the IDE channels and the position of each drive on them", "sudo odflash list"),
                new Command("Look at the dead drive on the primary master (port:2 to port:4 for the other positions)",
                        "sudo odflash info --device port:1 --family mtk8051"),
                new Command("Back it up (two agreeing vendor-mode reads, into the library)",
                        "sudo odflash backup --device port:1 --family mtk8051"));
    }

    /** The external programmer (libflashrom): the chip read and written through a clip. */
    public static List<Command> clip() {
        return List.of(
                new Command("Install libflashrom when the checks say it does not load", "sudo apt install libflashrom1"),
                new Command("Find the chip's marking in odflash's chip table (replace NAME)", "odflash chips NAME"),
                new Command("Look at the clipped chip and the firmware it holds",
                        "odflash info --device flashrom:ch341a_spi --chip NAME"),
                new Command("Back it up into the library", "odflash backup --device flashrom:ch341a_spi --chip NAME"),
                new Command("Write the backup or a known image back (replace FILE)",
                        "odflash flash --device flashrom:ch341a_spi --chip NAME FILE"));
    }
}
