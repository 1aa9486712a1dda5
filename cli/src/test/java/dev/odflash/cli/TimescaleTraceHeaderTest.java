package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timescale= spec parameter (issue 16 §1): a download drive on the wall clock sped up, recorded in the trace
 * header; the register-level profile refuses it (it has no USB form) and a bad value is a usage error.
 */
class TimescaleTraceHeaderTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    @Test
    void aTimescaledDriveRunsOnTheWallClockAndTheTraceHeaderSaysSo() throws Exception {
        Path trace = dir.resolve("t.jsonl");
        CliRunner.Run r = new CliRunner(home).run("info", "--device", "emu:asus-bw16d1ht?timescale=50", "--trace",
                trace.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String header = Files.readAllLines(trace).getFirst();
        assertThat(header).contains("\"clock\":\"wall\"").contains("\"timescale\":50");
    }

    @Test
    void withoutTimescaleTheEmulatorIsOnVirtualTimeAndTheHeaderNamesNoScale() throws Exception {
        Path trace = dir.resolve("v.jsonl");
        CliRunner.Run r = new CliRunner(home).run("info", "--device", "emu:asus-bw16d1ht", "--trace", trace.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String header = Files.readAllLines(trace).getFirst();
        assertThat(header).contains("\"clock\":\"virtual\"").doesNotContain("timescale");
    }

    @Test
    void aBadOrMisplacedTimescaleIsExit2() {
        CliRunner.Run zero = new CliRunner(home).run("info", "--device", "emu:asus-bw16d1ht?timescale=0");
        assertThat(zero.exitCode()).as(zero.toString()).isEqualTo(2);
        assertThat(zero.err()).contains("timescale").doesNotContain("Exception");
        CliRunner.Run mtk = new CliRunner(home).run("info", "--device", "emu:asus-crw-5224a?timescale=5");
        assertThat(mtk.exitCode()).as(mtk.toString()).isEqualTo(2);
        assertThat(mtk.err()).contains("timescale= applies to download-family profiles only");
    }
}
