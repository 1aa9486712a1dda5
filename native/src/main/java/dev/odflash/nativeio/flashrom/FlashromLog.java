package dev.odflash.nativeio.flashrom;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;
import java.util.function.Consumer;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * libflashrom's log callback ({@code int cb(enum flashrom_log_level, const char *fmt, va_list)}, libflashrom.h
 * 1.3) turned into whole lines. What it must get right, each learnt from the library's behaviour:
 * <ul>
 * <li>the library does not filter by level (the dummy programmer logs every byte at SPEW), so the level is
 * checked before anything is formatted;</li>
 * <li>a {@code va_list} can be consumed once, so vsnprintf only ever sees a copy (on x86_64 System V a
 * va_list is a 24-byte {@code __va_list_tag[1]} that decays to a pointer: copying those bytes is what
 * {@code va_copy} does); a message longer than the first buffer is formatted again from a second copy;</li>
 * <li>messages arrive in fragments ("Reading flash... " then "done.\n"): they are joined until a newline, and
 * the line takes its most severe fragment's level;</li>
 * <li>an exception leaving an upcall ends the JVM, so the upcall catches everything;</li>
 * <li>the stub must outlive its registration: it lives in the global arena and is made once.</li>
 * </ul>
 * The callback runs on the thread that called into the library; one session per process makes that one thread.
 */
final class FlashromLog {
    /** enum flashrom_log_level: ERROR=0, WARN, INFO, DEBUG, DEBUG2, SPEW=5. */
    static final int ERROR = 0;
    static final int WARN = 1;
    static final int INFO = 2;
    static final int DEBUG = 3;

    /** x86_64 System V: sizeof(va_list) (docs: the psABI's __va_list_tag, 24 bytes). */
    private static final long VA_LIST_BYTES = 24;
    private static final int FIRST_BUFFER = 512;
    /** A line longer than this is cut: bounded memory whatever the library sends. */
    private static final int MAX_LINE = 16 * 1024;

    /** One joined line and its most severe level. */
    record Line(int level, String text) {
    }

    private static final MethodHandle VSNPRINTF;
    private static final MemorySegment STUB;
    private static final boolean CAN_FORMAT;

    static {
        Linker linker = Linker.nativeLinker();
        // int vsnprintf(char *, size_t, const char *, va_list): va_list decays to a pointer on x86_64
        VSNPRINTF = linker.downcallHandle(linker.defaultLookup().find("vsnprintf").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS));
        try {
            MethodHandle target = MethodHandles.lookup().findStatic(FlashromLog.class, "callback",
                    MethodType.methodType(int.class, int.class, MemorySegment.class, MemorySegment.class));
            STUB = linker.upcallStub(target, FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        // only the ABI whose va_list size is known is formatted; elsewhere the format string itself is shown
        CAN_FORMAT = os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    private static volatile int maxLevel = INFO;
    private static volatile Consumer<Line> sink = line -> { };
    private static final StringBuilder pending = new StringBuilder();
    private static int pendingLevel = Integer.MAX_VALUE;
    private static volatile long dropped;

    private FlashromLog() {
    }

    static MemorySegment stub() {
        return STUB;
    }

    /** Where joined lines go, and the least severe level formatted at all. */
    static void route(int level, Consumer<Line> to) {
        maxLevel = level;
        sink = to;
    }

    static void level(int level) {
        maxLevel = level;
    }

    static int level() {
        return maxLevel;
    }

    /** Messages the upcall could not format (its own failures, which it may not throw). */
    static long dropped() {
        return dropped;
    }

    /** Called by libflashrom; never throws. */
    private static int callback(int level, MemorySegment fmt, MemorySegment args) {
        try {
            if (level > maxLevel) {
                return 0; // filtered before formatting: the dummy's SPEW would cost millions of calls
            }
            String text = format(fmt, args);
            synchronized (pending) {
                if (pending.length() + text.length() <= MAX_LINE) {
                    pending.append(text);
                }
                pendingLevel = Math.min(pendingLevel, level);
                int nl;
                while ((nl = pending.indexOf("\n")) >= 0) {
                    String line = pending.substring(0, nl);
                    pending.delete(0, nl + 1);
                    int lineLevel = pendingLevel;
                    pendingLevel = pending.isEmpty() ? Integer.MAX_VALUE : level;
                    sink.accept(new Line(lineLevel, line));
                }
            }
            return 0;
        } catch (Throwable t) {
            dropped++;
            return 0;
        }
    }

    private static String format(MemorySegment fmt, MemorySegment args) throws Throwable {
        MemorySegment format = fmt.reinterpret(Long.MAX_VALUE);
        if (!CAN_FORMAT) {
            return format.getString(0);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment original = args.reinterpret(VA_LIST_BYTES);
            MemorySegment copy = arena.allocate(VA_LIST_BYTES, 16);
            copy.copyFrom(original);
            MemorySegment buffer = arena.allocate(FIRST_BUFFER);
            int n = (int) VSNPRINTF.invokeExact(buffer, (long) FIRST_BUFFER, format, copy);
            if (n < 0) {
                return format.getString(0);
            }
            if (n >= FIRST_BUFFER) {
                int size = Math.min(n, MAX_LINE) + 1;
                copy.copyFrom(original); // the first copy is consumed: format again from a fresh one
                buffer = arena.allocate(size);
                n = (int) VSNPRINTF.invokeExact(buffer, (long) size, format, copy);
            }
            return buffer.getString(0);
        }
    }

    /** Flushes a last fragment that never got its newline (at shutdown). */
    static void flush() {
        synchronized (pending) {
            if (!pending.isEmpty()) {
                sink.accept(new Line(pendingLevel, pending.toString()));
                pending.setLength(0);
                pendingLevel = Integer.MAX_VALUE;
            }
        }
    }
}
