package dev.odflash.gui.model;

import dev.odflash.doctor.Check;

import java.util.List;
import java.util.Optional;

/**
 * The Recovery screen's facts, from the doctor's typed checks (DoctorModel, GuiHost.doctor): the IDE channels and
 * whether port access is possible on this computer, and whether libflashrom loads. Nothing here parses a command's
 * text: the check names are the ones DoctorChecks and PortText in the cli module give ("IDE channel",
 * "port access", "libflashrom"). Before the checks ran the screen offers to run them.
 */
public final class RecoveryModel {
    /** What the port path found: the channels (one line each) and port access. */
    public record PortPath(List<String> channels, Optional<Boolean> accessPossible, String access) {
    }

    /** Whether libflashrom loads, and the doctor's words about it. */
    public record Programmer(Optional<Boolean> libraryLoads, String detail) {
    }

    private final DoctorModel doctor;

    public RecoveryModel(DoctorModel doctor) {
        this.doctor = doctor;
    }

    public DoctorModel doctor() {
        return doctor;
    }

    /** The warning shown before anything else on the screen. */
    public static String warning() {
        return "Recovery is for a drive that a flash left dead, or one the normal path cannot reach. These paths"
                + " write the chip with fewer safety nets than a normal flash: back up first, and stop if anything"
                + " disagrees.";
    }

    public PortPath portPath() {
        if (!doctor.ran()) {
            return new PortPath(List.of(), Optional.empty(), "not checked yet: run the checks");
        }
        List<String> channels = named("IDE channel").map(c -> Texts.line(c.detail())).toList();
        Optional<Check> access = named("port access").findFirst();
        return new PortPath(channels, access.map(c -> c.detail().startsWith("possible")),
                access.map(c -> Texts.line(c.detail())).orElse("not reported on this computer"));
    }

    public Programmer programmer() {
        if (!doctor.ran()) {
            return new Programmer(Optional.empty(), "not checked yet: run the checks");
        }
        return named("libflashrom").findFirst()
                .map(c -> new Programmer(Optional.of(c.status() == Check.Status.OK), Texts.line(c.detail())))
                .orElse(new Programmer(Optional.empty(), "not reported"));
    }

    /** The README's clip recovery, in the GUI's words (the commands to copy are RecoveryCommands.clip()). */
    public static List<String> clipSteps() {
        return List.of(
                "Read the chip's marking on the board: an 8-pin SOIC part (MX25L2005, W25X10, SST25VF040) is SPI; a"
                        + " 32-pin PLCC or TSOP part (SST39SF040, W29C040) is parallel.",
                "Pick a programmer that fits the package and the voltage: a CH341A-class USB programmer with an SOIC-8"
                        + " clip or a Raspberry Pi's SPI bus for SPI parts; many CH341A boards put 5 V on 3.3 V chips"
                        + " unless modified, so measure first. Parallel 5 V parts need a parallel programmer.",
                "Clip the chip with the drive unpowered: a powered drive's controller talks on the same bus, the two"
                        + " reads of the backup disagree and odflash stops.",
                "Look at the chip, back it up, then write the backup or a known image back; odflash verifies by"
                        + " reading the whole chip back.",
                "Take the clip off, reassemble, power the drive and check it on the Drives screen.");
    }

    /** Root is needed for the port path; the GUI runs as the user and says so. */
    public static String needsRoot() {
        return "needs root: the GUI runs as you, so run these in a terminal (copy them from the boxes)";
    }

    private java.util.stream.Stream<Check> named(String name) {
        return doctor.checks().stream().filter(c -> c.name().equals(name));
    }
}
