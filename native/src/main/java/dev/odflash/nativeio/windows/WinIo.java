package dev.odflash.nativeio.windows;

import java.lang.foreign.MemorySegment;

/**
 * The kernel32 calls SPTI needs. {@link Kernel32} calls them through FFM (only on Windows); tests on
 * any OS give a fake that plays the storage driver.
 */
public interface WinIo {
    /** CreateFileW access and share flags (winnt.h / fileapi.h). */
    int GENERIC_READ = 0x80000000;
    int GENERIC_WRITE = 0x40000000;
    int FILE_SHARE_READ = 0x1;
    int FILE_SHARE_WRITE = 0x2;

    /** A handle (or -1 for INVALID_HANDLE_VALUE) and GetLastError right after the call. */
    record Opened(long handle, int lastError) {
        public boolean failed() {
            return handle == -1;
        }
    }

    record Result(boolean ok, int bytesReturned, int lastError) {
    }

    Opened createFile(String name, int access, int share);

    Result deviceIoControl(long handle, int code, MemorySegment in, MemorySegment out);

    void closeHandle(long handle);
}
