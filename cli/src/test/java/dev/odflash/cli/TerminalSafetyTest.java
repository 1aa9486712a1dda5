package dev.odflash.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.emulator.firmware.Mtk8051Firmware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 §6: strings from files, drives, chip tables, sysfs and traces never reach the terminal raw.
 * Every path is fed ESC sequences (title set, a fake line), C1 CSI, DEL and a bidi override; stdout
 * and stderr, text and JSON, must hold none of them raw.
 */
class TerminalSafetyTest {
    /** Sets the terminal title, then starts a line of its own that looks like odflash's. */
    static final String HOSTILE = "x\u001b]0;owned\u0007\u001b[2J\u009b31m\u007f\u202egpj.exe\nWrote /etc/shadow";

    @TempDir
    Path home;
    @TempDir
    Path dir;

    /** The test's own list, independent of the sanitiser's: C0, DEL, C1, bidi controls, line separators. */
    static boolean unsafe(int cp) {
        return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x200E || cp == 0x200F
                || (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }

    private static void assertClean(CliRunner.Run r) {
        assertThat(r.exitCode()).as(r.toString()).isNotEqualTo(1);
        for (String stream : new String[]{r.out(), r.err()}) {
            stream.codePoints().forEach(cp -> assertThat(cp == '\n' || !unsafe(cp))
                    .as("raw U+%04X reached the terminal in:%n%s", cp, r).isTrue());
            assertThat(stream).doesNotContain("\nWrote /etc/shadow").doesNotContain("Exception");
        }
    }

    private void bothForms(String... args) {
        assertClean(new CliRunner(home).run(args));
        String[] json = Arrays.copyOf(args, args.length + 1);
        json[args.length] = "--json";
        CliRunner.Run r = new CliRunner(home).run(json);
        assertClean(r);
        r.json(); // still one valid JSON document
    }

    static byte[] pe(byte[] overlay) {
        byte[] b = new byte[0x400];
        b[0] = 'M';
        b[1] = 'Z';
        b[0x3C] = 0x40;
        b[0x40] = 'P';
        b[0x41] = 'E';
        b[0x46] = 1;
        b[0x54] = (byte) 0xE0;
        b[0x58] = 0x0B;
        b[0x59] = 0x01;
        byte[] out = Arrays.copyOf(b, b.length + overlay.length);
        System.arraycopy(overlay, 0, out, b.length, overlay.length);
        return out;
    }

    @Test
    void zipEntryNamesInAnUpdater() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry(HOSTILE + ".bin"));
            z.write(Mtk8051Firmware.generate("ASUS", "CRW-5224A", "1.10", 0x20000));
            z.closeEntry();
        }
        Path exe = Files.write(dir.resolve("zip.exe"), pe(zip.toByteArray()));
        bothForms("extract", exe.toString(), "-o", dir.resolve("out1").toString());
        assertClean(new CliRunner(home).run("extract", exe.toString(), "-o", dir.resolve("out1").toString()));
    }

    @Test
    void xflashImageNamesInAnUpdater() throws IOException {
        byte[] table = ("HOW_MANY_BIN=1\0BIN_START1=0000000016\0BIN_SIZE1=0000131072\0NEW_FW1=" + HOSTILE + "\0")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] image = Mtk8051Firmware.generate("ASUS", "CRW-5224A", "1.10", 0x20000);
        byte[] overlay = new byte[table.length + 16 + image.length];
        System.arraycopy(table, 0, overlay, 0, table.length);
        System.arraycopy(image, 0, overlay, table.length + 16, image.length);
        Path exe = Files.write(dir.resolve("xflash.exe"), pe(overlay));
        assertClean(new CliRunner(home).run("extract", exe.toString(), "-o", dir.resolve("a").toString()));
        assertClean(new CliRunner(home).run("extract", exe.toString(), "-o", dir.resolve("b").toString(), "--json"));
    }

    @Test
    void inquiryStringsOfADrive() throws IOException {
        byte[] image = Mtk8051Firmware.generate("ASUS", "CRW-5224A", "1.10", 0x80000);
        int t = Mtk8051Firmware.TEMPLATE_OFFSET;
        byte[] esc = "\u001b]0;T\u0007\u001b[2J\n".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(esc, 0, image, t + 8, 8);               // vendor
        System.arraycopy(esc, 0, image, t + 16 + 4, esc.length); // product
        System.arraycopy(new byte[]{0x1b, (byte) 0x9b, 0x7f, '\n'}, 0, image, t + 32, 4); // revision
        Path file = Files.write(dir.resolve("esc.bin"), image);
        String spec = "emu:asus-crw-5224a?image=" + file;
        bothForms("info", "--device", spec);
        bothForms("status", "--device", spec);
        bothForms("identify", file.toString(), "--device", "emu:asus-crw-5224a");
        bothForms("doctor", "--device", spec);
    }

    @Test
    void chipTableRowNames() throws IOException {
        ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(new CliRunner(home).run("chips", "--json", "SST39SF040").out());
        ObjectNode row = (ObjectNode) doc.path("chips").get(0);
        row.put("name", HOSTILE).put("vendor", HOSTILE).put("deviceId", "0x99");
        row.putArray("aliases");
        ((ObjectNode) row.path("erasers").get(0)).put("name", HOSTILE);
        ArrayNode chips = doc.putArray("chips");
        chips.add(row);
        Path db = Files.writeString(dir.resolve("chips.json"), doc.toString());
        bothForms("--chip-db", db.toString(), "chips");
    }

    @Test
    void sysfsStringsOfListedDrives() throws IOException {
        Path sys = dir.resolve("sys");
        Path dev = Files.createDirectories(sys.resolve("devices/pci0000:00/ata1/host0/target0:0:0/0:0:0:0"));
        Files.writeString(dev.resolve("type"), "5\n");
        Files.writeString(dev.resolve("vendor"), "\u001b]0;T\u0007\n");
        Files.writeString(dev.resolve("model"), HOSTILE + "\n");
        Files.writeString(dev.resolve("rev"), "\u009b1m\u202e\n");
        Files.createDirectories(dev.resolve("scsi_generic/sg97"));
        Files.createDirectories(sys.resolve("bus/scsi/devices"));
        Files.createSymbolicLink(sys.resolve("bus/scsi/devices/0:0:0:0"), dev);
        Files.createDirectories(sys.resolve("class/scsi_generic"));
        bothForms("list", "--sysfs", sys.toString());
        bothForms("doctor", "--sysfs", sys.toString());
    }

    @Test
    void replayTraces() throws IOException {
        ObjectNode line = new ObjectMapper().createObjectNode().put("cdb", HOSTILE).put("dir", "in").put("len", 36)
                .put("status", 0).put("sense", "").put("ms", 1).put("dataIn", "");
        Path trace = Files.writeString(dir.resolve("t.jsonl"), line + "\n");
        bothForms("info", "--device", "replay:" + trace);
        bothForms("doctor", "--device", "replay:" + trace);
    }

    /** Runs on a terminal a person answers {@code answer} on. */
    private CliRunner.Run onTerminal(String answer, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal t = new Terminal(new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8),
                new java.io.ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)), true);
        int code = Cli.run(args, t, java.util.Map.of("ODFLASH_HOME", home.toString(), "HOME", home.toString()));
        return new CliRunner.Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void journalFieldsInJournalListAdoptAndDiscard() throws IOException {
        // a real journal of an interrupted download (tsst: adopted by identity and a confirmation)
        Path img = Files.write(dir.resolve("SB02.bin"), dev.odflash.emulator.download.DownloadFirmware.image(
                dev.odflash.emulator.EmulatorProfiles.byName("tsst-ts-h353c").orElseThrow(), "SB02"));
        Path drive = dir.resolve("tsst.bin");
        CliRunner.Run cut = new CliRunner(home).run("flash", "--device", "emu:tsst-ts-h353c?image=" + drive
                + "&fault=powerloss@cmd:8", img.toString(), "--yes", "--without-backup");
        assertThat(cut.exitCode()).as(cut.toString()).isIn(3, 5);
        Path journals = home.resolve("journals");
        Path journal;
        try (var files = Files.list(journals)) {
            journal = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        // every free-text field of the journal file holds ESC sequences and a fake line
        ObjectNode j = (ObjectNode) new ObjectMapper().readTree(journal.toFile());
        j.put("device", HOSTILE).put("targetFile", "/tmp/" + HOSTILE).put("backupFile", "/tmp/" + HOSTILE);
        ((ObjectNode) j.path("key")).put("value", HOSTILE);
        byte[] hostile = new ObjectMapper().writeValueAsBytes(j);
        Files.write(journal, hostile);
        Files.write(journals.resolve("hostile-a.json"), hostile);
        Files.write(journals.resolve("hostile-b.json"), hostile);

        bothForms("journal", "list");
        assertClean(new CliRunner(home).run("journal", "discard", "hostile-a", "--yes"));
        CliRunner.Run discardJson = new CliRunner(home).run("journal", "discard", "hostile-b", "--yes", "--json");
        assertClean(discardJson);
        discardJson.json();

        Path moved = dir.resolve("tsst-moved.bin");
        Files.copy(drive, moved);
        CliRunner.Run adopt = onTerminal("yes\n", "journal", "adopt", "--device", "emu:tsst-ts-h353c?image=" + moved);
        assertThat(adopt.exitCode()).as(adopt.toString()).isZero();
        assertClean(adopt);
        assertThat(adopt.out()).contains("\\x1b").contains("\\x0aWrote /etc/shadow");
    }
}
