package dev.odflash.nativeio.flashrom;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * libflashrom 1.3 (Debian package {@code libflashrom1}) bound through FFM, loaded on first use only, so every
 * other feature works on a machine without it. The signatures are those of {@code libflashrom.h} from flashrom
 * 1.3.0; pointers map to ADDRESS, {@code size_t} to JAVA_LONG (LP64), enums and ints to JAVA_INT, bool to
 * JAVA_BOOLEAN. 1.3 reports "unknown" from flashrom_version_info on Debian, so the symbols themselves are the
 * feature test: a library lacking one of them is reported as unusable, naming the symbol.
 */
public final class FlashromLibrary {
    /** The Debian package that ships the library. */
    public static final String PACKAGE = "libflashrom1";
    /** The soname of flashrom 1.x's library. */
    static final String SONAME = "libflashrom.so.1";

    /** flashrom_flag values (libflashrom.h enum flashrom_flag). */
    static final int FLAG_VERIFY_AFTER_WRITE = 2;

    private static final Object LOCK = new Object();
    private static volatile Optional<FlashromLibrary> loaded;
    private static volatile String whyNot = "";

    final MethodHandle init;               // int flashrom_init(int perform_selfcheck)
    final MethodHandle shutdown;           // int flashrom_shutdown(void)
    final MethodHandle setLogCallback;     // void flashrom_set_log_callback(flashrom_log_callback *)
    final MethodHandle programmerInit;     // int flashrom_programmer_init(prog **, const char *, const char *)
    final MethodHandle programmerShutdown; // int flashrom_programmer_shutdown(prog *)
    final MethodHandle flashProbe;         // int flashrom_flash_probe(ctx **, const prog *, const char *)
    final MethodHandle flashGetSize;       // size_t flashrom_flash_getsize(const ctx *)
    final MethodHandle flashRelease;       // void flashrom_flash_release(ctx *)
    final MethodHandle flagSet;            // void flashrom_flag_set(ctx *, enum flashrom_flag, bool)
    final MethodHandle imageRead;          // int flashrom_image_read(ctx *, void *, size_t)
    final MethodHandle imageWrite;         // int flashrom_image_write(ctx *, void *, size_t, const void *ref)
    final MethodHandle imageVerify;        // int flashrom_image_verify(ctx *, const void *, size_t)
    final MethodHandle layoutNew;          // int flashrom_layout_new(layout **)
    final MethodHandle layoutAddRegion;    // int flashrom_layout_add_region(layout *, size_t start, size_t end, const char *)
    final MethodHandle layoutIncludeRegion; // int flashrom_layout_include_region(layout *, const char *)
    final MethodHandle layoutRelease;      // void flashrom_layout_release(layout *)
    final MethodHandle layoutSet;          // void flashrom_layout_set(ctx *, const layout *)
    final MethodHandle wpCfgNew;           // enum flashrom_wp_result flashrom_wp_cfg_new(cfg **)
    final MethodHandle wpCfgRelease;       // void flashrom_wp_cfg_release(cfg *)
    final MethodHandle wpReadCfg;          // enum flashrom_wp_result flashrom_wp_read_cfg(cfg *, ctx *)
    final MethodHandle wpWriteCfg;         // enum flashrom_wp_result flashrom_wp_write_cfg(ctx *, const cfg *)
    final MethodHandle wpGetMode;          // enum flashrom_wp_mode flashrom_wp_get_mode(const cfg *)
    final MethodHandle wpSetMode;          // void flashrom_wp_set_mode(cfg *, enum flashrom_wp_mode)
    final MethodHandle wpGetRange;         // void flashrom_wp_get_range(size_t *start, size_t *len, const cfg *)
    final MethodHandle wpSetRange;         // void flashrom_wp_set_range(cfg *, size_t start, size_t len)

    private FlashromLibrary(SymbolLookup lib) {
        init = bind(lib, "flashrom_init", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        shutdown = bind(lib, "flashrom_shutdown", FunctionDescriptor.of(JAVA_INT));
        setLogCallback = bind(lib, "flashrom_set_log_callback", FunctionDescriptor.ofVoid(ADDRESS));
        programmerInit = bind(lib, "flashrom_programmer_init", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        programmerShutdown = bind(lib, "flashrom_programmer_shutdown", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        flashProbe = bind(lib, "flashrom_flash_probe", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        flashGetSize = bind(lib, "flashrom_flash_getsize", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        flashRelease = bind(lib, "flashrom_flash_release", FunctionDescriptor.ofVoid(ADDRESS));
        flagSet = bind(lib, "flashrom_flag_set", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_BOOLEAN));
        imageRead = bind(lib, "flashrom_image_read", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
        imageWrite = bind(lib, "flashrom_image_write", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
        imageVerify = bind(lib, "flashrom_image_verify", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
        layoutNew = bind(lib, "flashrom_layout_new", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        layoutAddRegion = bind(lib, "flashrom_layout_add_region",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS));
        layoutIncludeRegion = bind(lib, "flashrom_layout_include_region", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        layoutRelease = bind(lib, "flashrom_layout_release", FunctionDescriptor.ofVoid(ADDRESS));
        layoutSet = bind(lib, "flashrom_layout_set", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
        wpCfgNew = bind(lib, "flashrom_wp_cfg_new", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        wpCfgRelease = bind(lib, "flashrom_wp_cfg_release", FunctionDescriptor.ofVoid(ADDRESS));
        wpReadCfg = bind(lib, "flashrom_wp_read_cfg", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        wpWriteCfg = bind(lib, "flashrom_wp_write_cfg", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        wpGetMode = bind(lib, "flashrom_wp_get_mode", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        wpSetMode = bind(lib, "flashrom_wp_set_mode", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
        wpGetRange = bind(lib, "flashrom_wp_get_range", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
        wpSetRange = bind(lib, "flashrom_wp_set_range", FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_LONG));
    }

    private static MethodHandle bind(SymbolLookup lib, String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = lib.find(name).orElseThrow(() -> new MissingSymbol(name));
        return Linker.nativeLinker().downcallHandle(symbol, descriptor);
    }

    /** The library, bound on first call; empty (with {@link #unavailableReason()}) when it cannot be loaded. */
    public static Optional<FlashromLibrary> get() {
        if (overridden().isPresent()) {
            return tryLoad(); // a test naming another library file: looked up every time, never cached
        }
        Optional<FlashromLibrary> l = loaded;
        if (l != null) {
            return l;
        }
        synchronized (LOCK) {
            if (loaded == null) {
                loaded = tryLoad();
            }
            return loaded;
        }
    }

    /** Why {@link #get} is empty, in words that name the package to install. */
    public static String unavailableReason() {
        get();
        return whyNot;
    }

    private static Optional<FlashromLibrary> tryLoad() {
        String name = overridden().orElse(SONAME);
        try {
            SymbolLookup lib = SymbolLookup.libraryLookup(name, Arena.global());
            return Optional.of(new FlashromLibrary(lib));
        } catch (IllegalArgumentException e) {
            whyNot = "libflashrom is not installed (" + name + " not found): install the package " + PACKAGE
                    + " (Debian/Ubuntu: apt install " + PACKAGE + ")";
        } catch (MissingSymbol e) {
            whyNot = name + " lacks " + e.getMessage() + ": odflash needs flashrom 1.3 or later (package " + PACKAGE + ")";
        } catch (IllegalCallerException | UnsupportedOperationException e) {
            whyNot = "native access to libflashrom is not enabled in this JVM (" + e.getMessage() + ")";
        }
        return Optional.empty();
    }

    /** {@code -Dodflash.libflashrom=FILE}: another library file (tests of the missing-library path use a bad name). */
    private static Optional<String> overridden() {
        return Optional.ofNullable(System.getProperty("odflash.libflashrom")).filter(s -> !s.isBlank());
    }

    private static final class MissingSymbol extends RuntimeException {
        MissingSymbol(String symbol) {
            super(symbol, null, false, false);
        }
    }
}
