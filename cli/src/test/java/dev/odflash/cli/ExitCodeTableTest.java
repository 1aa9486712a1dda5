package dev.odflash.cli;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The exit-code table covers every exit seen, and one cause has one code whichever command meets it. */
class ExitCodeTableTest {
    private static final String BRIDGE = "emu:asus-crw-5224a?bridge=drop-vendor";
    @TempDir
    Path home;
    @TempDir
    Path dir;

    @Test
    void aBridgeThatDropsVendorCommandsIsExitThreeInEveryCommandThatNeedsTheVendorMode() {
        CliRunner cli = new CliRunner(home);
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        List<List<String>> runs = List.of(List.of("doctor", "--device", BRIDGE),
                List.of("backup", "--device", BRIDGE, "-o", dir.resolve("b.bin").toString()),
                List.of("flash", "--device", BRIDGE, v120.toString(), "--yes"),
                List.of("status", "--device", BRIDGE),
                List.of("verify", "--device", BRIDGE, v120.toString()));
        for (List<String> args : runs) {
            CliRunner.Run r = cli.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(args + ": " + r).isEqualTo(3);
        }
        CliRunner.Run json = cli.run("flash", "--device", BRIDGE, v120.toString(), "--yes", "--json");
        assertThat(json.json().path("error").path("device").path("command").asText()).isEqualTo("vendor mode");
        assertThat(Files.exists(dir.resolve("b.bin"))).isFalse();
    }

    @Test
    void everyExitCodeIsInTheReadmeTheContractsAndTheHelpFooter() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String contracts = Files.readString(Path.of("..", "docs", "architecture.md"));
        String help = new CliRunner(home).run("--help").out();
        for (ExitCode c : ExitCode.values()) {
            assertThat(readme).contains("| " + c.code() + " | ");
            assertThat(contracts).contains("| " + c.code() + " | ");
            assertThat(help).contains("  " + c.code() + "   ");
        }
        assertThat(readme).contains("a USB bridge or driver dropping them");
        assertThat(help).contains("unknown command").contains("USB bridge");
    }
}
