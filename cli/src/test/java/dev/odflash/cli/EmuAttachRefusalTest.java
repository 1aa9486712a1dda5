package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `emu attach` and `emu detach` on hosts that cannot serve a gadget, in-process: the host is the test hook
 * ODFLASH_GADGET_TEST_HOST (docs/testing.md) over a scratch tree, so nothing is loaded, mounted or bound here.
 */
@org.junit.jupiter.api.extension.ExtendWith(GadgetTestHost.class)
class EmuAttachRefusalTest {
    @TempDir
    Path home;
    @TempDir
    Path root;

    private record Run(int code, String out, String err) {
    }

    private Run run(String host, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), false);
        int code = Cli.run(args, t, Map.of("ODFLASH_HOME", home.toString(), "HOME", home.toString(),
                GadgetHostText.TEST_HOST, host), java.time.Clock.systemUTC());
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String linuxRoot(int uid) {
        return "os=Linux;uid=" + uid + ";root=" + root;
    }

    private Path gadget() {
        return root.resolve("sys/kernel/config/usb_gadget/odflash");
    }

    @Test
    void attachRefusesANonRootUserWithExit4AndSetsNothingUp() throws IOException {
        Files.createDirectories(root.resolve("sys/kernel/config/usb_gadget"));
        Files.createDirectories(root.resolve("sys/class/udc/dummy_udc.0"));
        Run r = run(linuxRoot(1000), "emu", "attach", "asus-bw16d1ht");
        assertEquals(4, r.code(), r.toString());
        assertTrue(r.err().contains("needs root"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(Files.exists(gadget()), "no gadget directory may be made");
    }

    @Test
    void attachRefusesAnotherOsWithExit4() {
        Run r = run("os=Windows 11;uid=0;root=" + root, "emu", "attach", "asus-bw16d1ht");
        assertEquals(4, r.code(), r.toString());
        assertTrue(r.err().contains("need Linux"), r.err());
    }

    @Test
    void attachWithoutConfigfsGadgetsIsExit3AndNamesWhatIsMissing() {
        Run r = run(linuxRoot(0), "--json", "emu", "attach", "asus-bw16d1ht");
        assertEquals(3, r.code(), r.toString());
        assertTrue(r.out().contains("\"device\"") && r.out().contains("usb_gadget"), r.out());
    }

    @Test
    void attachWithoutTheDummyUdcIsExit3AndNamesTheKernelConfig() throws IOException {
        Files.createDirectories(root.resolve("sys/kernel/config/usb_gadget"));
        Run r = run(linuxRoot(0), "emu", "attach", "asus-bw16d1ht");
        assertEquals(3, r.code(), r.toString());
        assertTrue(r.err().contains("dummy_udc.0") && r.err().contains("CONFIG_USB_DUMMY_HCD"), r.err());
    }

    @Test
    void attachOfAnUnknownProfileIsExit2BeforeTheHostIsAsked() {
        Run r = run(linuxRoot(1000), "emu", "attach", "emu:no-such-drive?fault=x");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("unknown profile 'no-such-drive'"), r.err());
    }

    @Test
    void attachRefusesWhileAnotherLiveOdflashServesTheGadgetAndLeavesItAlone() throws IOException {
        Files.createDirectories(gadget());
        Files.createDirectories(root.resolve("sys/class/udc/dummy_udc.0"));
        Files.createDirectories(root.resolve("run/odflash-gadget"));
        long live = ProcessHandle.current().parent().orElseThrow().pid();
        Files.writeString(root.resolve("run/odflash-gadget/pid"), live + "\n");
        Run r = run(linuxRoot(0), "emu", "attach", "asus-bw16d1ht");
        assertEquals(4, r.code(), r.toString());
        assertTrue(r.err().contains("already served by odflash PID " + live), r.err());
        assertTrue(Files.isDirectory(gadget()), "a live run's gadget is not removed");
    }

    @Test
    void detachRefusesANonRootUserWithExit4() {
        Run r = run(linuxRoot(1000), "emu", "detach");
        assertEquals(4, r.code(), r.toString());
        assertTrue(r.err().contains("emu detach: needs root"), r.err());
    }

    @Test
    void detachWithNothingAttachedIsExit0AndSaysSo() throws IOException {
        Files.createDirectories(root.resolve("sys/kernel/config/usb_gadget"));
        Run r = run(linuxRoot(0), "emu", "detach");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("nothing attached"), r.out());
    }

    @Test
    void detachRemovesAGadgetAKilledRunLeftBehind() throws IOException {
        Path g = gadget();
        Path function = Files.createDirectories(g.resolve("functions/ffs.odflash"));
        Path config = Files.createDirectories(g.resolve("configs/c.1/strings/0x409")).getParent().getParent();
        Files.createDirectories(g.resolve("strings/0x409"));
        Files.createSymbolicLink(config.resolve("ffs.odflash"), function);
        Files.createDirectories(root.resolve("run/odflash-gadget"));
        Files.writeString(root.resolve("run/odflash-gadget/pid"), "999999999\n"); // no such process
        Run r = run(linuxRoot(0), "emu", "detach");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("detached"), r.out());
        assertFalse(Files.exists(g), "the stale gadget is removed");
        assertFalse(Files.exists(root.resolve("run/odflash-gadget/pid")), "and its PID file");
    }
}
