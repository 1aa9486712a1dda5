package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error about a real drive ends with the line asking for its report, the drive quoted to paste. */
class ReportHintTest {
    @TempDir
    Path home;

    @Test
    void anErrorAboutARealDriveEndsWithTheReportLine() {
        CliRunner.Run r = new CliRunner(home).run("info", "--device", "/dev/sr42");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(lastLine(r.err())).isEqualTo("send `odflash report --device /dev/sr42` to help");
    }

    @Test
    void theDriveIsQuotedForTheShell() {
        CliRunner.Run r = new CliRunner(home).run("backup", "--device", "/dev/sr 4'2", "-o", home.resolve("b.bin").toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(lastLine(r.err())).isEqualTo("send `odflash report --device '/dev/sr 4'\\''2'` to help");
    }

    @Test
    void doctorsFailedCheckOnARealDriveEndsWithItToo() {
        CliRunner.Run r = new CliRunner(home).run("doctor", "--device", "/dev/null");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(lastLine(r.err())).isEqualTo("send `odflash report --device /dev/null` to help");
    }

    @Test
    void emulatedDrivesAndUsageErrorsDoNotAskForAReport() {
        CliRunner cli = new CliRunner(home);
        for (List<String> args : List.of(List.of("info", "--device", "emu:nonesuch"),
                List.of("flash", "--device", "/dev/sr42"),
                List.of("info", "--device", "emu:asus-bw16d1ht?fault=timeout@cmd:1"))) {
            CliRunner.Run r = cli.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.toString()).isNotZero();
            assertThat(r.err()).as(r.toString()).doesNotContain("odflash report");
        }
    }

    private static String lastLine(String s) {
        List<String> lines = s.lines().toList();
        return lines.getLast();
    }
}
