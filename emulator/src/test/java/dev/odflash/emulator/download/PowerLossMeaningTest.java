package dev.odflash.emulator.download;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odflash.bytes.Sha256;
import dev.odflash.chip.ChipTable;
import dev.odflash.emulator.EmulatedDrive;
import dev.odflash.emulator.EmulatedDrives;
import dev.odflash.emulator.EmulatorProfile;
import dev.odflash.emulator.EmulatorProfiles;
import dev.odflash.emulator.firmware.BtcFirmware;
import dev.odflash.emulator.firmware.Mt1939Firmware;
import dev.odflash.emulator.firmware.Mt1959Firmware;
import dev.odflash.emulator.firmware.TsstFirmware;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.Device;
import dev.odflash.transport.TransportException;
import dev.odflash.transport.trace.TraceWriter;
import dev.odflash.transport.trace.TracingDevice;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code powerloss@cmd:N} has one meaning on every emulated profile (docs/architecture.md "The shared
 * core"; README "powerloss@cmd:N"): power is lost during command N and it does not complete. The host
 * writes a new firmware by hand-written raw commands (a download, or erase and program through the
 * chip channel); a clean run records, after each command, what the flash holds. Then, for each N
 * sampled (every command that changes the flash or starts a burn, the first, middle and last write
 * command, and a stride),
 * the same run is cut at N: the trace's Nth command has no answer and is the last one, the commands
 * before it were answered as in the clean run, and the image file holds exactly what it held after
 * command N - 1: no effect of command N reached the flash. Commands that arrive while a background burn
 * runs are left out: the burn, started by an earlier command, runs up to the moment of the cut
 * (DownloadFaultsTest covers them); so are those that arrive while the register-level drive's chip is
 * still busy with an earlier erase or program, which the cut leaves partly done (BusyWindowCutTest).
 */
class PowerLossMeaningTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    interface Script {
        void run(Device d) throws Exception;
    }

    static Stream<String> profiles() {
        return EmulatorProfiles.all().stream().map(EmulatorProfile::name);
    }

    /** The host's side for one profile: a new firmware written with the family's raw commands. */
    private static Script script(String profile) {
        return switch (profile) {
            case "asus-crw-5224a" -> d -> {
                Wire.revision(d);
                ChipChannel c = dev.odflash.emulator.RegisterChannel.of(d);
                c.enter();
                c.readId();
                // register level: one Command write per byte command, so a small write keeps the cuts few
                for (int sector = 0x7E000; sector < 0x80000; sector += 0x1000) {
                    c.erase(sector, 0x1000);
                    for (int at = 0; at < 0x20; at += 0x10) {
                        byte[] data = new byte[0x10];
                        java.util.Arrays.fill(data, (byte) (sector >> 12 ^ at));
                        c.program(sector + at, data, 0, data.length);
                    }
                    c.status();
                }
                c.leave();
                Wire.revision(d);
            };
            case "mtk8051-spi" -> d -> {
                Wire.revision(d);
                dev.odflash.emulator.RegisterChannel c = new dev.odflash.emulator.RegisterChannel(d.taskFile().orElseThrow());
                c.enter();
                c.spi(new int[] {0x90, 0, 0, 0}, 2);
                for (int sector = 0x3E000; sector < 0x40000; sector += 0x1000) {
                    c.spi(new int[] {0x06}, 0);
                    c.spi(new int[] {0x20, sector >> 16, sector >> 8 & 0xFF, 0}, 0);
                    c.idle();
                    int[] page = new int[4 + 0x10];
                    page[0] = 0x02;
                    page[1] = sector >> 16;
                    page[2] = sector >> 8 & 0xFF;
                    java.util.Arrays.fill(page, 4, page.length, sector >> 12 & 0xFF);
                    c.spi(new int[] {0x06}, 0);
                    c.spi(page, 0);
                    c.idle();
                }
                c.leave();
                Wire.revision(d);
            };
            case "btc-drw1008" -> d -> {
                byte[] image = BtcFirmware.generate("DRW1008IM", "0076");
                BtcDriveTest.download(d, image, BtcDriveTest.sum(image));
                BtcDriveTest.save(d);
                d.clock().sleep(Duration.ofSeconds(50));
                Wire.waitReady(d, 300);
                Wire.revision(d);
            };
            case "tsst-ts-h353c" -> d -> {
                TsstWire.download(d, TsstFirmware.mt1339("DVD-ROM TS-H353C", "SB04"), 0xFC00, 0x04);
                Wire.waitReady(d, 60);
                Wire.revision(d);
            };
            case "samsung-sd616f" -> d -> {
                TsstWire.download(d, TsstFirmware.sd616DownloadBuffer(TsstFirmware.sd616("F106")), 0x10000, 0x02);
                Wire.waitReady(d, 60);
                Wire.revision(d);
            };
            case "samsung-se506cb" -> d -> {
                TsstWire.downloadMt1939(d, Mt1939Firmware.generate("TS04"));
                Wire.waitReady(d, 60);
                Wire.revision(d);
            };
            case "asus-bw16d1ht" -> d -> {
                Mt1959Wire.freemkv(d, Mt1959Firmware.generate("BW-16D1HT", "3.10", DownloadFirmware.MT1959_KEY,
                        Optional.empty()));
                Wire.waitReady(d, 60);
                Wire.revision(d);
            };
            default -> throw new AssertionError("no script for profile " + profile + ": add one");
        };
    }

    /** One run: the trace's lines and, after each command (index 0: at open), the flash and drive state. */
    record Run(List<JsonNode> trace, List<String> flash, List<Boolean> burning, List<Long> writes, byte[] file) {
    }

    private Run run(String profile, String fault, Path file) throws Exception {
        EmulatedDrive drive = (EmulatedDrive) EmulatedDrives.open("emu:" + profile + "?image=" + file + fault,
                ChipTable.builtIn());
        List<JsonNode> trace = new ArrayList<>();
        List<String> flash = new ArrayList<>(List.of(Sha256.hex(drive.chipModel().contents())));
        List<Boolean> burning = new ArrayList<>(List.of(false));
        List<Long> writes = new ArrayList<>(List.of(0L));
        Writer sink = new Writer() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(char[] chars, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    if (chars[i] != '\n') {
                        line.append(chars[i]);
                        continue;
                    }
                    JsonNode parsed;
                    try {
                        parsed = JSON.readTree(line.toString());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    line.setLength(0);
                    if (parsed.has("header")) {
                        continue; // the trace's header line: no command
                    }
                    if (parsed.has("reg") && !parsed.path("name").asText().equals("command")) {
                        continue; // a register access that starts nothing; one Command write is one command
                    }
                    trace.add(parsed);
                    flash.add(Sha256.hex(drive.chipModel().contents()));
                    burning.add(drive instanceof DownloadDrive dd && dd.burning()
                            || drive instanceof dev.odflash.emulator.mtk8051.Mtk8051Drive m && m.chipBusy());
                    writes.add(drive.writeCommands());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        try (TracingDevice traced = new TracingDevice(drive, new TraceWriter(sink), true, true)) {
            try {
                script(profile).run(traced);
            } catch (TransportException e) {
                assertThat(fault).as("a clean run is answered throughout: " + e.getMessage()).isNotEmpty();
            }
        }
        return new Run(trace, flash, burning, writes, Files.readAllBytes(file));
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void aCommandCutByPowerLossHasNoAnswerAndNoEffect(String profile) throws Exception {
        Run clean = run(profile, "", dir.resolve("clean.bin"));
        int total = clean.trace().size();
        assertThat(clean.trace()).as("the clean run is answered throughout").noneMatch(l -> l.has("error"));
        TreeSet<Integer> cuts = new TreeSet<>();
        for (int n = 1; n <= total; n += Math.max(1, total / 12)) {
            cuts.add(n);
        }
        List<Integer> writes = new ArrayList<>();
        for (int n = 1; n <= total; n++) {
            boolean changesFlash = !clean.flash().get(n).equals(clean.flash().get(n - 1));
            boolean startsBurn = clean.burning().get(n) && !clean.burning().get(n - 1);
            if (changesFlash || startsBurn) {
                cuts.add(n);
            }
            if (clean.writes().get(n) > clean.writes().get(n - 1)) {
                writes.add(n);
            }
        }
        assertThat(writes).as(profile + ": the clean run sent write commands").isNotEmpty();
        cuts.addAll(List.of(writes.getFirst(), writes.get(writes.size() / 2), writes.getLast()));
        cuts.removeIf(n -> clean.burning().get(n - 1)); // a burn or chip operation started earlier runs up to the cut
        boolean sawFlashWork = false;
        boolean sawWrite = false;
        for (int n : cuts) {
            Run cut = run(profile, "&fault=powerloss@cmd:" + n, dir.resolve("cut-" + n + ".bin"));
            String where = profile + " cut at command " + n + " (" + clean.trace().get(n - 1) + ")";
            assertThat(cut.trace()).as(where + ": the Nth command is the last one traced").hasSize(n);
            JsonNode last = cut.trace().get(n - 1);
            assertThat(last.path("error").asText()).as(where + ": no answer").isEqualTo("NO_ANSWER");
            assertThat(last.has("status")).as(where + ": no status").isFalse();
            assertThat(cut.trace().subList(0, n - 1)).as(where + ": earlier commands answered as in the clean run")
                    .isEqualTo(clean.trace().subList(0, n - 1));
            assertThat(Sha256.hex(cut.file())).as(where + ": the image file shows no effect of command N")
                    .isEqualTo(clean.flash().get(n - 1));
            sawWrite |= clean.writes().get(n) > clean.writes().get(n - 1);
            sawFlashWork |= !clean.flash().get(n).equals(clean.flash().get(n - 1))
                    || clean.burning().get(n) && !clean.burning().get(n - 1);
        }
        assertThat(sawWrite).as(profile + ": a write command was cut").isTrue();
        assertThat(sawFlashWork).as(profile + ": a command that erases, programs or starts a burn was cut").isTrue();
        assertThat(clean.file()).as("the clean run wrote the new firmware").isNotEqualTo(
                Files.readAllBytes(dir.resolve("cut-1.bin")));
    }
}
