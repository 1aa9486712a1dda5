package dev.odflash.nativeio.flashrom;

import dev.odflash.transport.TransportException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The one libflashrom session of this process: library init, one programmer, one probed chip, and the image
 * calls restricted to layout regions. libflashrom 1.3 accepts a second programmer_init silently and then fails
 * ("Tried to register more than 4 master interfaces"), and even after a clean programmer_shutdown and
 * flashrom_shutdown a new dummy programmer still emulates the first one's chip (seen with 1.3.0-2.1), so a second
 * session in the same process is refused here before the library is asked. Every non-zero return is a failure,
 * reported with the library's last error lines.
 */
public final class FlashromSession implements ProgrammerSession {
    /** Set by the first open and never cleared: one programmer per process (see {@link #open}). */
    private static final AtomicBoolean USED = new AtomicBoolean();
    /** Names in the probe's "Found <vendor> flash chip "<name>" (...)" lines (flashrom's flash.c, probe_flash). */
    private static final Pattern FOUND = Pattern.compile("Found .* flash chip \"([^\"]+)\"");
    private static final int KEEP_ERRORS = 8;
    /**
     * The marks libflashrom logs at debug level for each erase block it visits while writing: "S" skipped, "E"
     * erased, "W" written (flashrom 1.3 flashrom.c; the same lines `flashrom -V` prints).
     */
    private static final Pattern BLOCK = Pattern.compile("0x([0-9a-f]+)-0x([0-9a-f]+):([SEW]+)");

    private final FlashromLibrary lib;
    private final String programmer;
    private final Arena arena = Arena.ofShared(); // small, long-lived allocations; image buffers are per call
    private final List<String> recentErrors = new ArrayList<>();
    private final List<String> found = new ArrayList<>();
    private volatile Consumer<FlashromLog.Line> observer = line -> { };
    private MemorySegment prog = MemorySegment.NULL;
    private MemorySegment ctx = MemorySegment.NULL;
    private long size;
    private MemorySegment imageBuffer = MemorySegment.NULL;
    private MemorySegment referenceBuffer = MemorySegment.NULL;
    private String chipName = "";
    private boolean closed;
    private boolean programmerStarted;
    private int erasedBlocks;
    private long erasedBytes;

    private FlashromSession(FlashromLibrary lib, String programmer) {
        this.lib = lib;
        this.programmer = programmer;
    }

    /** Opens the library and the programmer; refused while another session of this process is open. */
    public static FlashromSession open(String programmer, String params) throws TransportException {
        FlashromLibrary lib = FlashromLibrary.get().orElseThrow(() ->
                new TransportException(TransportException.Kind.NO_DEVICE, FlashromLibrary.unavailableReason()));
        if (!USED.compareAndSet(false, true)) {
            throw new TransportException(TransportException.Kind.BUSY, "a libflashrom programmer was already opened"
                    + " in this process: libflashrom 1.3 accepts a second one silently and then misbehaves (it keeps the"
                    + " first programmer's state even after shutdown), so odflash opens one per run");
        }
        FlashromSession s = new FlashromSession(lib, programmer);
        try {
            s.start(params);
            return s;
        } catch (TransportException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void start(String params) throws TransportException {
        // debug level: the per-block S/E/W marks of every write are counted (erased()); SPEW stays unformatted
        FlashromLog.route(FlashromLog.DEBUG, this::onLine);
        call("flashrom_set_log_callback", () -> {
            lib.setLogCallback.invokeExact(FlashromLog.stub());
            return 0;
        });
        check("flashrom_init", call("flashrom_init", () -> (int) lib.init.invokeExact(0)));
        MemorySegment progOut = arena.allocate(ADDRESS);
        progOut.set(ADDRESS, 0, MemorySegment.NULL); // programmer_init leaves it unwritten on failure
        MemorySegment name = arena.allocateFrom(programmer);
        MemorySegment p = arena.allocateFrom(params);
        programmerStarted = true;
        int rc = call("flashrom_programmer_init", () -> (int) lib.programmerInit.invokeExact(progOut, name, p));
        if (rc != 0) {
            throw failure(TransportException.Kind.NO_DEVICE, "programmer " + programmer + " did not start (libflashrom"
                    + " returned " + rc + ")");
        }
        prog = progOut.get(ADDRESS, 0);
    }

    @Override
    public String programmer() {
        return programmer;
    }

    @Override
    public Probed probe(Optional<String> flashromName) throws TransportException {
        releaseChip();
        found.clear();
        MemorySegment ctxOut = arena.allocate(ADDRESS);
        ctxOut.set(ADDRESS, 0, MemorySegment.NULL);
        MemorySegment name = flashromName.map(arena::allocateFrom).orElse(MemorySegment.NULL);
        int rc = call("flashrom_flash_probe", () -> (int) lib.flashProbe.invokeExact(ctxOut, prog, name));
        if (rc == 3 && flashromName.isEmpty()) {
            // several definitions match (flashrom's CLI says "Multiple flash chip definitions match")
            throw new Ambiguous(List.copyOf(found));
        }
        if (rc != 0) {
            throw failure(TransportException.Kind.NO_ANSWER, flashromName.map(n -> "no chip " + n + " answered on ")
                    .orElse("no flash chip found on ") + programmer + " (libflashrom probe returned " + rc + ")");
        }
        ctx = ctxOut.get(ADDRESS, 0);
        size = call("flashrom_flash_getsize", () -> (long) lib.flashGetSize.invokeExact(ctx));
        imageBuffer = arena.allocate(size); // reused by every image call: a region is a part of a full-size buffer
        referenceBuffer = arena.allocate(size);
        chipName = flashromName.orElse(found.isEmpty() ? "" : found.getFirst());
        return new Probed(chipName, size);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void read(long start, int length, byte[] into) throws TransportException {
        requireChip();
        MemorySegment buf = imageBuffer;
        withLayout(List.of(new long[]{start, length}), () -> check("flashrom_image_read",
                call("flashrom_image_read", () -> (int) lib.imageRead.invokeExact(ctx, buf, size))));
        MemorySegment.copy(buf, JAVA_BYTE, start, into, (int) start, length);
    }

    @Override
    public void write(List<long[]> regions, byte[] target, byte[] reference) throws TransportException {
        requireChip();
        MemorySegment buf = imageBuffer;
        MemorySegment ref = referenceBuffer;
        MemorySegment.copy(target, 0, buf, JAVA_BYTE, 0, (int) size);
        MemorySegment.copy(reference, 0, ref, JAVA_BYTE, 0, (int) size);
        // libflashrom 1.3 lifts a writable chip's block protection for the write and puts it back afterwards
        // ("Some block protection in effect, disabling"): a write into the range would go through, so only the
        // family's gate (family.external.ProtectedWrite) keeps it out unless the user allowed unprotect
        withLayout(regions, () -> {
            int rc = call("flashrom_image_write", () -> (int) lib.imageWrite.invokeExact(ctx, buf, size, ref));
            if (rc != 0) {
                throw failure(TransportException.Kind.OS_ERROR, "libflashrom's write failed (returned " + rc + ")");
            }
        });
    }

    @Override
    public Protection protection() throws TransportException {
        requireChip();
        MemorySegment cfgOut = arena.allocate(ADDRESS);
        int rc = call("flashrom_wp_cfg_new", () -> (int) lib.wpCfgNew.invokeExact(cfgOut));
        check("flashrom_wp_cfg_new", rc);
        MemorySegment cfg = cfgOut.get(ADDRESS, 0);
        try {
            int read = call("flashrom_wp_read_cfg", () -> (int) lib.wpReadCfg.invokeExact(cfg, ctx));
            if (read != 0) {
                return Protections.unknown("libflashrom cannot read this chip's protection (wp result " + read + ")");
            }
            int mode = call("flashrom_wp_get_mode", () -> (int) lib.wpGetMode.invokeExact(cfg));
            MemorySegment start = arena.allocate(JAVA_LONG);
            MemorySegment len = arena.allocate(JAVA_LONG);
            call("flashrom_wp_get_range", () -> {
                lib.wpGetRange.invokeExact(start, len, cfg);
                return 0;
            });
            return Protections.of(mode, start.get(JAVA_LONG, 0), len.get(JAVA_LONG, 0));
        } finally {
            call("flashrom_wp_cfg_release", () -> {
                lib.wpCfgRelease.invokeExact(cfg);
                return 0;
            });
        }
    }

    /**
     * Clears the protection: mode disabled and an empty range (0, 0) through flashrom_wp_write_cfg, which reads
     * the configuration back itself; read once more here, so a chip that kept any range is a failure.
     */
    @Override
    public void unprotect() throws TransportException {
        requireChip();
        writeConfig(Protections.MODE_DISABLED, 0, 0, "cleared");
        Protection now = protection();
        if (now.active()) {
            throw new TransportException(TransportException.Kind.OS_ERROR, "the chip's write protection did not clear: it"
                    + " still reads " + now.mode() + " " + Protections.range(now));
        }
    }

    private void writeConfig(int mode, long start, long length, String what) throws TransportException {
        MemorySegment cfgOut = arena.allocate(ADDRESS);
        check("flashrom_wp_cfg_new", call("flashrom_wp_cfg_new", () -> (int) lib.wpCfgNew.invokeExact(cfgOut)));
        MemorySegment cfg = cfgOut.get(ADDRESS, 0);
        try {
            call("flashrom_wp_set_mode", () -> {
                lib.wpSetMode.invokeExact(cfg, mode);
                return 0;
            });
            call("flashrom_wp_set_range", () -> {
                lib.wpSetRange.invokeExact(cfg, start, length);
                return 0;
            });
            int rc = call("flashrom_wp_write_cfg", () -> (int) lib.wpWriteCfg.invokeExact(ctx, cfg));
            if (rc != 0) {
                throw failure(TransportException.Kind.OS_ERROR, "the chip's write protection could not be " + what
                        + " (wp result " + rc + (rc == 5 ? ": the chip read back another configuration; in hardware mode the"
                        + " WP# pin holds the status register, which only the board or the clip's wiring can release" : "") + ")");
            }
        } finally {
            call("flashrom_wp_cfg_release", () -> {
                lib.wpCfgRelease.invokeExact(cfg);
                return 0;
            });
        }
    }

    /** Every joined log line, for a caller that counts what the library did (tests, the benchmark). */
    @Override
    public void observe(int level, Consumer<String> lines) {
        FlashromLog.level(Math.max(FlashromLog.DEBUG, level));
        observer = line -> {
            if (line.level() <= level) {
                lines.accept(line.text());
            }
        };
    }

    @Override
    public Erased erased() {
        return new Erased(erasedBlocks, erasedBytes);
    }

    private void onLine(FlashromLog.Line line) {
        Matcher m = FOUND.matcher(line.text());
        if (m.find()) {
            found.add(m.group(1));
        }
        Matcher b = BLOCK.matcher(line.text());
        while (b.find()) {
            int e = (int) b.group(3).chars().filter(c -> c == 'E').count();
            if (e > 0) {
                long len = Long.parseLong(b.group(2), 16) - Long.parseLong(b.group(1), 16) + 1;
                erasedBlocks += e;
                erasedBytes += e * len;
            }
        }
        if (line.level() <= FlashromLog.WARN) {
            if (recentErrors.size() == KEEP_ERRORS) {
                recentErrors.removeFirst();
            }
            recentErrors.add(line.text().strip());
        }
        observer.accept(line);
    }

    private interface Region {
        void run() throws TransportException;
    }

    /** Restricts the image call to the regions (start, length), then clears the layout again. */
    private void withLayout(List<long[]> regions, Region body) throws TransportException {
        MemorySegment layoutOut = arena.allocate(ADDRESS);
        check("flashrom_layout_new", call("flashrom_layout_new", () -> (int) lib.layoutNew.invokeExact(layoutOut)));
        MemorySegment layout = layoutOut.get(ADDRESS, 0);
        try {
            int i = 0;
            for (long[] r : regions) {
                MemorySegment name = arena.allocateFrom("r" + i++);
                long start = r[0];
                long end = r[0] + r[1] - 1; // the end is inclusive (libflashrom.h)
                check("flashrom_layout_add_region", call("flashrom_layout_add_region",
                        () -> (int) lib.layoutAddRegion.invokeExact(layout, start, end, name)));
                check("flashrom_layout_include_region", call("flashrom_layout_include_region",
                        () -> (int) lib.layoutIncludeRegion.invokeExact(layout, name)));
            }
            call("flashrom_layout_set", () -> {
                lib.layoutSet.invokeExact(ctx, layout);
                return 0;
            });
            body.run();
        } finally {
            call("flashrom_layout_set", () -> {
                lib.layoutSet.invokeExact(ctx, MemorySegment.NULL);
                return 0;
            });
            call("flashrom_layout_release", () -> {
                lib.layoutRelease.invokeExact(layout);
                return 0;
            });
        }
    }

    private void requireChip() throws TransportException {
        if (closed || ctx.equals(MemorySegment.NULL)) {
            throw new TransportException(TransportException.Kind.NO_DEVICE, "no chip probed on " + programmer);
        }
    }

    private void check(String what, int rc) throws TransportException {
        if (rc != 0) {
            throw failure(TransportException.Kind.OS_ERROR, what + " returned " + rc);
        }
    }

    private TransportException failure(TransportException.Kind kind, String what) {
        LibraryFailure f = new LibraryFailure(kind, what, recentErrors);
        recentErrors.clear();
        return f;
    }

    private void releaseChip() {
        if (!ctx.equals(MemorySegment.NULL)) {
            MemorySegment c = ctx;
            ctx = MemorySegment.NULL;
            quietly(() -> {
                lib.flashRelease.invokeExact(c);
                return 0;
            });
        }
    }

    /**
     * Releases the chip and shuts the programmer and the library down; the dummy programmer writes its
     * {@code image=} file only here.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        releaseChip();
        if (programmerStarted) {
            // also after a failed programmer_init: 1.3 leaves the masters it registered until programmer_shutdown
            // (which takes NULL), and the next init would fail with "more than 4 master interfaces"
            MemorySegment p = prog;
            prog = MemorySegment.NULL;
            quietly(() -> (int) lib.programmerShutdown.invokeExact(p));
        }
        quietly(() -> (int) lib.shutdown.invokeExact());
        FlashromLog.flush();
        FlashromLog.route(FlashromLog.INFO, line -> { });
        arena.close();
    }

    private interface NativeCall<T> {
        T call() throws Throwable;
    }

    private static <T> T call(String what, NativeCall<T> c) {
        try {
            return c.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(what + ": " + t, t);
        }
    }

    private static void quietly(NativeCall<Integer> c) {
        try {
            c.call();
        } catch (Throwable ignored) {
            // shutting down: a failure here cannot be acted on, the session is gone either way
        }
    }
}
