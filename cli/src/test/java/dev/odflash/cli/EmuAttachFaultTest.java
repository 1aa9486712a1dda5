package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `emu attach` with a fault in its spec, in-process (issue 16 §2): the host is the test hook ODFLASH_GADGET_TEST_HOST
 * over a scratch tree (docs/testing.md), whose FunctionFS is played by plain files, ep0 and ep1 (bulk-IN: the CSWs
 * attach writes), and a FIFO, ep2 (bulk-OUT: the CBWs this test sends, one at a time, as USB transfers arrive); a
 * fake sysfs node under dummy_hcd makes attach print its nodes. When the drive loses power attach ends by itself,
 * exit 3, saying the gadget left the bus; a stalled command gets no CSW and a note, and serving goes on.
 */
@EnabledOnOs(OS.LINUX)
@org.junit.jupiter.api.extension.ExtendWith(GadgetTestHost.class)
class EmuAttachFaultTest {
    @TempDir
    Path home;
    @TempDir
    Path root;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Starts `emu attach SPEC` on a thread of its own; the future holds its exit code. */
    private CompletableFuture<Integer> attach(String spec) throws IOException, InterruptedException {
        Files.createDirectories(root.resolve("sys/kernel/config/usb_gadget"));
        Files.createDirectories(root.resolve("sys/class/udc/dummy_udc.0"));
        Path ffs = Files.createDirectories(root.resolve("run/odflash-gadget/ffs"));
        Files.createFile(ffs.resolve("ep0"));
        Files.createFile(ffs.resolve("ep1"));
        Process mkfifo = new ProcessBuilder("mkfifo", ffs.resolve("ep2").toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");
        Path scsi = Files.createDirectories(root.resolve("sys/devices/platform/dummy_hcd.0/usb1/1-1/host6/0:0:0:0"));
        Files.createDirectories(scsi.resolve("block/sr5"));
        Files.createDirectories(root.resolve("sys/class/scsi_generic/sg5"));
        Files.createSymbolicLink(root.resolve("sys/class/scsi_generic/sg5/device"), scsi);
        Terminal t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), false);
        Map<String, String> env = Map.of("ODFLASH_HOME", home.toString(), "HOME", home.toString(),
                GadgetHostText.TEST_HOST, "os=Linux;uid=0;root=" + root);
        return CompletableFuture.supplyAsync(() -> Cli.run(new String[] {"emu", "attach", spec}, t, env,
                java.time.Clock.systemUTC()));
    }

    private static byte[] testUnitReady(int tag) {
        ByteBuffer b = ByteBuffer.allocate(31).order(ByteOrder.LITTLE_ENDIAN);
        b.put("USBC".getBytes(StandardCharsets.US_ASCII)).putInt(tag).putInt(0).put((byte) 0).put((byte) 0)
                .put((byte) 6).put(new byte[6]);
        return b.array();
    }

    private Path bulkIn() {
        return root.resolve("run/odflash-gadget/ffs/ep1");
    }

    /** The CSW tags attach has written to bulk-IN so far. */
    private int[] cswTags() throws IOException {
        byte[] in = Files.readAllBytes(bulkIn());
        ByteBuffer b = ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN);
        int[] tags = new int[in.length / 13];
        for (int i = 0; i < tags.length; i++) {
            assertEquals(0x53425355, b.getInt(i * 13), "dCSWSignature");
            tags[i] = b.getInt(i * 13 + 4);
        }
        return tags;
    }

    private void await(String what, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, () -> "timed out waiting for " + what + "; attach's stdout: "
                    + out.toString(StandardCharsets.UTF_8) + "; stderr: " + errText());
            Thread.sleep(20);
        }
    }

    private long inSize() {
        try {
            return Files.size(bulkIn());
        } catch (IOException e) {
            return -1;
        }
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aPowerCutEndsAttachWithExit3AndTheGadgetLeavesTheBus() throws Exception {
        CompletableFuture<Integer> run = attach("emu:samsung-se506cb?fault=powerloss@cmd:3");
        try (FileChannel bulkOut = FileChannel.open(root.resolve("run/odflash-gadget/ffs/ep2"),
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            for (int tag = 1; tag <= 2; tag++) {
                bulkOut.write(ByteBuffer.wrap(testUnitReady(tag)));
                long want = 13L * tag;
                await("CSW " + tag, () -> inSize() == want);
            }
            bulkOut.write(ByteBuffer.wrap(testUnitReady(3))); // the power is lost during this one
            int code = run.get(20, TimeUnit.SECONDS); // ends by itself: no detach, no signal
            assertEquals(3, code, errText());
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("attached emu:samsung-se506cb as /dev/sg5 and /dev/sr5"),
                out::toString);
        assertTrue(errText().contains("emu attach: the emulated drive is off (")
                && errText().contains("power lost during command 3")
                && errText().contains("the gadget left the bus and was removed"), errText());
        assertTrue(errText().contains("Attach the same image= again"), errText());
        assertFalse(errText().contains("Exception"), errText());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {1, 2}, cswTags(),
                "no CSW for the command the power cut interrupted");
    }

    @Test
    void aStalledCommandGetsNoCswAndANoteAndServingGoesOn() throws Exception {
        CompletableFuture<Integer> run = attach("emu:samsung-se506cb?fault=timeout@cmd:2,powerloss@cmd:4");
        try (FileChannel bulkOut = FileChannel.open(root.resolve("run/odflash-gadget/ffs/ep2"),
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            bulkOut.write(ByteBuffer.wrap(testUnitReady(1)));
            await("CSW 1", () -> inSize() == 13);
            bulkOut.write(ByteBuffer.wrap(testUnitReady(2))); // stalls
            await("the stall note", () -> errText().contains("no answer to command 0x00"));
            assertFalse(run.isDone(), "a stall does not end attach");
            bulkOut.write(ByteBuffer.wrap(testUnitReady(3))); // as after the host's reset
            await("CSW 3", () -> inSize() == 26);
            bulkOut.write(ByteBuffer.wrap(testUnitReady(4))); // the power cut ends the test's attach
            assertEquals(3, run.get(20, TimeUnit.SECONDS), errText());
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {1, 3}, cswTags(),
                "the stalled command got no CSW, the next one its own");
        assertTrue(errText().contains("the host times the command out and resets the device; serving goes on"),
                errText());
    }
}
