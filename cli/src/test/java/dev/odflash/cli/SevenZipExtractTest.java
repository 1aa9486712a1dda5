package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Issue 10 §5: 7z archives inside updaters are read (LZMA, LZMA2, solid, nested). The archives are made at test time by
 * a real 7-Zip from synthetic firmware; without the tool the test fails naming the package (never skips silently):
 * Debian package {@code 7zip} (command {@code 7zz}) or {@code p7zip-full} (command {@code 7z}); scripts/deps.sh
 * installs it.
 */
class SevenZipExtractTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;
    private Path firmware;
    private byte[] image;

    @BeforeEach
    void firmware() throws IOException {
        firmware = dir.resolve("CRW5224A.BIN");
        CliRunner.Run r = new CliRunner(home).run("emu", "firmware", "--profile", "asus-crw-5224a", "--version", "1.20",
                "-o", firmware.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        image = Files.readAllBytes(firmware);
    }

    /** 7-Zip's command: 7zz (Debian 7zip) or 7z (p7zip-full), or a failure that says what to install. */
    static String sevenZip() {
        for (String name : List.of("7zz", "7z")) {
            for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
                    return Path.of(d, name).toString();
                }
            }
        }
        return fail("7-Zip is missing: install the Debian package 7zip (command 7zz) or p7zip-full (command 7z);"
                + " `sudo scripts/deps.sh` installs what the tests need");
    }

    /** Runs 7-Zip in {@code dir}: {@code a ARCHIVE} with the switches and files given. */
    private Path archive(String name, List<String> switches, Path... files) throws Exception {
        Path out = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of(sevenZip(), "a", "-t7z", "-bd", "-y"));
        cmd.addAll(switches);
        cmd.add(out.toString());
        for (Path f : files) {
            cmd.add(f.toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("7-Zip finished").isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + log).isZero();
        return out;
    }

    /** extract on an updater whose overlay is {@code payload}: exit 0 and the firmware among the images written. */
    private void extractsTheFirmware(byte[] payload, String label) throws IOException {
        Path exe = Files.write(dir.resolve(label + ".exe"), CraftedPe.withOverlay(payload));
        CliRunner.Run r = new CliRunner(home).run("extract", exe.toString(), "-o", dir.resolve(label + "-out").toString(),
                "--json");
        assertThat(r.exitCode()).as(label + ": " + r.err()).isZero();
        JsonNode written = r.json().path("written");
        assertThat(written.findValuesAsText("sha256")).as(label + ": " + r.json().path("notes"))
                .contains(ExtractScanBoundsTest.sha256(image));
        // the image came out of an archive entry ("overlay+0x0!CRW5224A.BIN"), and a 7z archive was opened there
        assertThat(written.findValuesAsText("origin")).as(label).anyMatch(o -> o.startsWith("overlay+0x0!"));
        assertThat(r.json().path("findings").toString()).as(label).contains("7z archive at overlay+0x0");
        assertThat(r.json().path("notes").toString()).as(label).doesNotContain("7z at");
    }

    @Test
    void lzma() throws Exception {
        extractsTheFirmware(Files.readAllBytes(archive("lzma.7z", List.of("-m0=LZMA", "-mx=9"), firmware)), "lzma");
    }

    @Test
    void lzma2WithALargeDictionary() throws Exception {
        // 64 MiB is 7-Zip's -mx9 dictionary; the decoder's memory limit must allow it
        extractsTheFirmware(Files.readAllBytes(archive("lzma2.7z", List.of("-m0=LZMA2:d=64m", "-mx=9"), firmware)), "lzma2");
    }

    @Test
    void solidArchiveOfSeveralFiles() throws Exception {
        Path readme = Files.writeString(dir.resolve("README.TXT"), "Flash with the updater.\r\n".repeat(100));
        Path tool = Files.write(dir.resolve("TOOL.DAT"), new byte[70_000]);
        extractsTheFirmware(Files.readAllBytes(archive("solid.7z", List.of("-m0=LZMA2", "-ms=on", "-mx=5"), readme,
                firmware, tool)), "solid");
    }

    @Test
    void aZipInsideA7z() throws Exception {
        Path zip = Files.write(dir.resolve("fw.zip"), ExtractScanBoundsTest.zip("fw/CRW5224A.BIN", image));
        extractsTheFirmware(Files.readAllBytes(archive("zip-in.7z", List.of("-m0=LZMA2"), zip)), "zip-in-7z");
    }

    @Test
    void a7zInsideA7z() throws Exception {
        Path inner = archive("inner.7z", List.of("-m0=LZMA"), firmware);
        extractsTheFirmware(Files.readAllBytes(archive("outer.7z", List.of("-m0=Copy"), inner)), "7z-in-7z");
    }
}
