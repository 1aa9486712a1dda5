package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.odflash.emulator.EmulatorProfiles;
import dev.odflash.emulator.download.DownloadFirmware;
import dev.odflash.ops.AtomicFiles;
import dev.odflash.ops.FileSteps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.noWriteCommand;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The journal's own files and the files it names: a stored image path is read bounded (a FIFO there
 * never hangs `journal adopt`); `status` reports a journal of the same model under another key, as
 * `flash` refuses by it; the journals directory is never followed through a link, and a journal
 * write that fails as a full disk would leaves nothing half-written and writes nothing to the drive.
 */
class JournalHardeningTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    private CliRunner cli() {
        return new CliRunner(home);
    }

    private void interrupt(String device, Path target) {
        FlashFixtures.interruptedFlash(cli(), device, target);
    }

    private static boolean mkfifo(Path p) throws IOException, InterruptedException {
        return new ProcessBuilder("mkfifo", p.toString()).inheritIO().start().waitFor() == 0;
    }

    @Test
    void adoptReadsTheJournalsImagePathsBoundedAndAFifoThereNeverHangs() throws Exception {
        Path first = write(dir, "flash.bin", image("1.10"));
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        interrupt("emu:asus-crw-5224a?image=" + first, v120);
        Path moved = dir.resolve("moved.bin");
        Files.copy(first, moved);
        // the journal's target path now names a FIFO nobody writes to
        Files.delete(v120);
        assertThat(mkfifo(v120)).isTrue();
        AtomicReference<CliRunner.Run> run = new AtomicReference<>();
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> run.set(cli().run("journal", "adopt", "--device",
                    "emu:asus-crw-5224a?image=" + moved)));
        } finally {
            if (run.get() == null) { // release a reader blocked on the FIFO so the test JVM can go on
                Thread.ofVirtual().start(() -> {
                    try (var ignored = Files.newOutputStream(v120)) {
                        // open for writing and close: the blocked open returns
                    } catch (IOException ignored) {
                        // gone already
                    }
                });
            }
        }
        CliRunner.Run r = run.get();
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(v120.toString()).doesNotContain("Exception");
        assertThat(cli().run("journal", "list", "--json").json().path("journals").size()).as("nothing adopted").isOne();
    }

    @Test
    void statusReportsAJournalOfTheSameModelUnderAnotherKeyAsPending() throws IOException {
        Path first = write(dir, "flash.bin", image("1.10"));
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        interrupt("emu:asus-crw-5224a?image=" + first, v120);
        String key = cli().run("journal", "list", "--json").json().path("journals").get(0).path("key").asText();
        // another drive of the model, holding its factory image intact; `flash` refuses other images on it
        String other = "emu:asus-crw-5224a?image=" + dir.resolve("other.bin");
        CliRunner.Run flash = cli().run("flash", "--device", other, write(dir, "1.35.bin", image("1.35")).toString(),
                "--yes");
        assertThat(flash.exitCode()).as(flash.toString()).isEqualTo(4);

        CliRunner.Run text = cli().run("status", "--device", other);
        assertThat(text.exitCode()).as(text.toString()).isEqualTo(5);
        assertThat(text.out()).contains("PENDING (same model)").contains("journal adopt --device '" + other + "'")
                .contains("journal discard " + key).doesNotContain("Verdict: intact");
        CliRunner.Run json = cli().run("status", "--device", other, "--json");
        assertThat(json.exitCode()).isEqualTo(5);
        JsonNode pending = json.json().path("pendingFlashOfSameModel");
        assertThat(pending.size()).as(json.toString()).isOne();
        assertThat(pending.get(0).path("key").asText()).isEqualTo(key);
        assertThat(pending.get(0).path("toVersion").asText()).isEqualTo("1.20");
        assertThat(json.json().path("intact").asBoolean()).isFalse();
    }

    @Test
    void identityStatusReportsAJournalOfTheSameModelToo() throws IOException {
        Path img = dir.resolve("tsst-SB02.bin");
        Files.write(img, DownloadFirmware.image(EmulatorProfiles.byName("tsst-ts-h353c").orElseThrow(), "SB02"));
        CliRunner.Run cut = cli().run("flash", "--device", "emu:tsst-ts-h353c?image=" + dir.resolve("t.bin")
                + "&fault=powerloss@cmd:8", img.toString(), "--yes", "--without-backup");
        assertThat(cut.exitCode()).as(cut.toString()).isIn(3, 5);
        CliRunner.Run r = cli().run("status", "--device", "emu:tsst-ts-h353c", "--json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
        assertThat(r.json().path("basis").asText()).isEqualTo("identity");
        assertThat(r.json().path("pendingFlashOfSameModel").size()).isOne();
        assertThat(cli().run("status", "--device", "emu:tsst-ts-h353c").out()).contains("journal adopt --device");
    }

    @Test
    void aLinkPlantedAtTheJournalsDirectoryIsRefusedAndNothingIsWrittenThrough() throws IOException {
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Files.createDirectories(home);
        Files.createSymbolicLink(home.resolve("journals"), outside);
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        Path trace = dir.resolve("t.jsonl");
        CliRunner.Run r = cli().run("flash", "--device", "emu:asus-crw-5224a?image=" + flash, v120.toString(), "--yes",
                "--trace", trace.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("journals").doesNotContain("Exception");
        try (Stream<Path> s = Files.list(outside)) {
            assertThat(s.toList()).as("nothing written through the link").isEmpty();
        }
        assertThat(noWriteCommand(trace)).isTrue();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.10"));
    }

    @Test
    void aJournalWriteFailingAsAFullDiskLeavesNothingHalfWrittenAndWritesNothingToTheDrive() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        Path journals = home.resolve("journals");
        FileSteps full = new FileSteps() {
            @Override
            public void before(Step step, Path path) throws IOException {
                if (step == Step.WRITE && path.toAbsolutePath().startsWith(journals.toAbsolutePath())) {
                    throw new IOException("No space left on device");
                }
            }
        };
        Path trace = dir.resolve("t.jsonl");
        CliRunner.Run r = ScopedValue.where(AtomicFiles.STEPS, full).call(() -> cli().run("flash", "--device",
                "emu:asus-crw-5224a?image=" + flash, v120.toString(), "--yes", "--trace", trace.toString()));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("cannot write the journal").contains("No space left");
        try (Stream<Path> s = Files.list(journals)) {
            assertThat(s.toList()).as("no journal and no temporary file left").isEmpty();
        }
        assertThat(noWriteCommand(trace)).isTrue();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.10"));
    }
}
