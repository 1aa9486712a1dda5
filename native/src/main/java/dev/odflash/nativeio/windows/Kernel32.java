package dev.odflash.nativeio.windows;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * CreateFileW, DeviceIoControl and CloseHandle from kernel32.dll through FFM, GetLastError captured
 * by the linker (Linker.Option.captureCallState("GetLastError")). Signatures from Microsoft's docs
 * (fileapi.h, ioapiset.h, handleapi.h). Loaded only when first used, i.e. only on Windows.
 */
public final class Kernel32 implements WinIo {
    /** CreateFileW dwCreationDisposition OPEN_EXISTING (fileapi.h). */
    private static final int OPEN_EXISTING = 3;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option LAST_ERROR = Linker.Option.captureCallState("GetLastError");
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle LAST_ERROR_VALUE =
            CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("GetLastError"));
    private static volatile Kernel32 instance;

    private final MethodHandle createFile;
    private final MethodHandle deviceIoControl;
    private final MethodHandle closeHandle;

    private Kernel32() {
        SymbolLookup k32 = SymbolLookup.libraryLookup("kernel32", Arena.global());
        createFile = LINKER.downcallHandle(k32.find("CreateFileW").orElseThrow(), FunctionDescriptor.of(ADDRESS,
                ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS), LAST_ERROR);
        deviceIoControl = LINKER.downcallHandle(k32.find("DeviceIoControl").orElseThrow(), FunctionDescriptor.of(
                JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS), LAST_ERROR);
        closeHandle = LINKER.downcallHandle(k32.find("CloseHandle").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    public static Kernel32 get() {
        Kernel32 k = instance;
        if (k == null) {
            k = new Kernel32();
            instance = k;
        }
        return k;
    }

    @Override
    public Opened createFile(String name, int access, int share) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            MemorySegment h = (MemorySegment) createFile.invokeExact(state,
                    arena.allocateFrom(name, StandardCharsets.UTF_16LE), access, share, MemorySegment.NULL,
                    OPEN_EXISTING, 0, MemorySegment.NULL);
            return h.address() == -1L ? new Opened(-1, (int) LAST_ERROR_VALUE.get(state, 0L)) : new Opened(h.address(), 0);
        } catch (Throwable t) {
            throw new IllegalStateException("CreateFileW downcall failed", t);
        }
    }

    @Override
    public Result deviceIoControl(long handle, int code, MemorySegment in, MemorySegment out) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            MemorySegment returned = arena.allocate(JAVA_INT);
            int ok = (int) deviceIoControl.invokeExact(state, MemorySegment.ofAddress(handle), code, in,
                    (int) in.byteSize(), out, (int) out.byteSize(), returned, MemorySegment.NULL);
            return new Result(ok != 0, returned.get(JAVA_INT, 0), ok != 0 ? 0 : (int) LAST_ERROR_VALUE.get(state, 0L));
        } catch (Throwable t) {
            throw new IllegalStateException("DeviceIoControl downcall failed", t);
        }
    }

    @Override
    public void closeHandle(long handle) {
        try {
            int ignored = (int) closeHandle.invokeExact(MemorySegment.ofAddress(handle));
        } catch (Throwable t) {
            throw new IllegalStateException("CloseHandle downcall failed", t);
        }
    }
}
