package dev.odflash.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one way odflash reads a file a user names (firmware, updaters, backups, chip databases, keys, traces):
 * it must be a regular file (links to one are fine), it is read with a bound, and nothing here can hang.
 *
 * <p>Why the open is guarded: a FIFO opened for reading blocks until a writer appears, and Java has no
 * {@code O_NONBLOCK} open. So the type is checked first (following links); a file swapped for a FIFO after that
 * check would block the open, so the open runs on a daemon thread while this thread re-checks the path: a path that
 * is no longer the checked regular file (another type, or another file key, i.e. device and inode) is refused at once.
 * After the open the path must still be the checked file. The read loop stops at bound + 1 bytes whatever the handle
 * turns out to be, so even a swap this cannot see (to {@code /dev/zero} and back) costs at most the bound.
 */
public final class BoundedInput {
    /** How often a pending open re-checks the path, and how long it may take at all (a regular open takes µs). */
    private static final long RECHECK_MILLIS = 10;
    private static final long OPEN_LIMIT_MILLIS = 10_000;
    private static final int CHUNK = 64 * 1024;

    /** One line of a text file, numbered from 1 (line ends {@code \n} or {@code \r\n}, decoded as UTF-8). */
    @FunctionalInterface
    public interface LineHandler<E extends Exception> {
        void line(int number, String text) throws E;
    }

    private BoundedInput() {
    }

    /**
     * Checks, reading nothing, that {@code file} is a regular file of at most {@code bound} bytes now: an
     * early answer before a drive is opened. The later {@link #read} is bounded again (the file may change).
     */
    public static void check(Path file, long bound, String what) throws InputFileException {
        BasicFileAttributes checked = regularFile(file, what);
        if (checked.size() > bound) {
            throw tooLarge(file, what, checked.size() + " bytes, larger", bound);
        }
    }

    /** The whole file, at most {@code bound} bytes; {@code what} names the input in messages (a file name, or a choice placeholder such as "{choice:CHIP_DB}"). */
    public static byte[] read(Path file, long bound, String what) throws InputFileException {
        BasicFileAttributes checked = regularFile(file, what);
        if (checked.size() > bound) {
            throw tooLarge(file, what, checked.size() + " bytes, larger", bound);
        }
        try (FileChannel ch = open(file, checked, what)) {
            byte[] buf = new byte[(int) Math.min(bound + 1, Math.max(checked.size() + 1, 1))];
            int n = 0;
            while (true) {
                if (n == buf.length) {
                    if (n > bound) {
                        throw tooLarge(file, what, "larger", bound);
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(bound + 1, Math.max(n * 2L, CHUNK)));
                }
                int r = ch.read(ByteBuffer.wrap(buf, n, buf.length - n));
                if (r < 0) {
                    break;
                }
                n += r;
            }
            if (n > bound) {
                throw tooLarge(file, what, "larger", bound);
            }
            return n == buf.length ? buf : Arrays.copyOf(buf, n);
        } catch (IOException e) {
            throw asInputError(file, what, e);
        }
    }

    /**
     * The first bytes of a regular file, at most {@code count}, whatever its size: enough to recognise
     * what kind of file it is (a Windows program) before the size bound refuses it unread.
     */
    public static byte[] head(Path file, int count, String what) throws InputFileException {
        BasicFileAttributes checked = regularFile(file, what);
        try (FileChannel ch = open(file, checked, what)) {
            ByteBuffer buf = ByteBuffer.allocate(count);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // a short read is not the end of the file: read until full or at its end
            }
            return Arrays.copyOf(buf.array(), buf.position());
        } catch (IOException e) {
            throw asInputError(file, what, e);
        }
    }

    /**
     * Streams a text file line by line: at most {@code totalBound} bytes in all and {@code lineBound} bytes a line,
     * so memory is one line whatever the file holds. The handler's own exception passes through unchanged
     * (give it an unchecked or non-IOException type: an IOException from it would read as an unreadable file).
     */
    public static <E extends Exception> void lines(Path file, long totalBound, int lineBound, String what,
                                                   LineHandler<E> handler) throws InputFileException, E {
        BasicFileAttributes checked = regularFile(file, what);
        if (checked.size() > totalBound) {
            throw tooLarge(file, what, checked.size() + " bytes, larger", totalBound);
        }
        try (FileChannel ch = open(file, checked, what)) {
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
            byte[] line = new byte[256];
            int len = 0;
            int number = 1;
            long total = 0;
            int r;
            while ((r = ch.read(chunk.clear())) >= 0) {
                total += r;
                if (total > totalBound) {
                    throw tooLarge(file, what, "larger", totalBound);
                }
                byte[] a = chunk.array();
                for (int i = 0; i < r; i++) {
                    byte b = a[i];
                    if (b == '\n') {
                        handler.line(number++, text(line, len));
                        len = 0;
                        continue;
                    }
                    if (len == lineBound) {
                        throw new InputFileException(InputFileException.Reason.TOO_LARGE, what + " " + file + " line "
                                + number + " is longer than " + lineBound + " bytes; not read");
                    }
                    if (len == line.length) {
                        line = Arrays.copyOf(line, (int) Math.min(lineBound, line.length * 2L));
                    }
                    line[len++] = b;
                }
            }
            if (len > 0) {
                handler.line(number, text(line, len));
            }
        } catch (InputFileException e) {
            throw e;
        } catch (IOException e) {
            throw asInputError(file, what, e);
        }
    }

    private static String text(byte[] line, int len) {
        int end = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
        return new String(line, 0, end, StandardCharsets.UTF_8);
    }

    /** The file's attributes (following links) if it is a regular file; anything else is refused unopened. */
    private static BasicFileAttributes regularFile(Path file, String what) throws InputFileException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new InputFileException(InputFileException.Reason.MISSING, what + " " + file + ": no such file");
        } catch (IOException e) {
            throw new InputFileException(InputFileException.Reason.MISSING, what + " " + file + ": " + reason(e));
        }
        if (!a.isRegularFile()) {
            throw new InputFileException(InputFileException.Reason.NOT_REGULAR, what + " " + file + " is "
                    + kind(file, a) + ", not a regular file; not read");
        }
        return a;
    }

    /** Opens the checked file for reading without ever waiting on a FIFO (see the class comment). */
    private static FileChannel open(Path file, BasicFileAttributes checked, String what) throws InputFileException {
        CompletableFuture<FileChannel> opening = new CompletableFuture<>();
        Thread opener = new Thread(() -> {
            try {
                FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
                if (!opening.complete(ch)) {
                    ch.close(); // given up on (the path changed while this open waited): nobody else will close it
                }
            } catch (Throwable t) {
                opening.completeExceptionally(t);
            }
        }, "odflash-open");
        opener.setDaemon(true);
        opener.start();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(OPEN_LIMIT_MILLIS);
        FileChannel ch;
        while (true) {
            try {
                ch = opening.get(RECHECK_MILLIS, TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException e) {
                if (!sameFile(file, checked) || System.nanoTime() > deadline) {
                    if (!opening.completeExceptionally(new IOException("abandoned"))) {
                        continue; // the open completed just now: take it and check it below
                    }
                    throw changed(file, what, "opening it did not complete (replaced by a FIFO or a device?)");
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw new InputFileException(InputFileException.Reason.MISSING, what + " " + file + ": "
                        + (cause instanceof IOException io ? reason(io) : String.valueOf(cause)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw changed(file, what, "interrupted while opening it");
            }
        }
        if (!sameFile(file, checked)) {
            close(ch);
            throw changed(file, what, "it was replaced while it was opened");
        }
        return ch;
    }

    private static boolean sameFile(Path file, BasicFileAttributes checked) {
        try {
            BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class);
            return now.isRegularFile() && Objects.equals(now.fileKey(), checked.fileKey());
        } catch (IOException e) {
            return false;
        }
    }

    private static String kind(Path file, BasicFileAttributes a) {
        if (a.isDirectory()) {
            return "a directory";
        }
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode");
            return switch (mode & 0170000) {
                case 0010000 -> "a FIFO";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a special file";
        }
    }

    private static InputFileException tooLarge(Path file, String what, String larger, long bound) {
        return new InputFileException(InputFileException.Reason.TOO_LARGE, what + " " + file + " is "
                + larger + " than " + bound + " bytes"
                + (bound >= 1 << 20 && bound % (1 << 20) == 0 ? " (" + (bound >> 20) + " MiB)" : "") + "; not read");
    }

    private static InputFileException changed(Path file, String what, String why) {
        return new InputFileException(InputFileException.Reason.CHANGED, what + " " + file + ": " + why + "; not read");
    }

    private static InputFileException asInputError(Path file, String what, IOException e) {
        if (e instanceof InputFileException ie) {
            return ie;
        }
        return new InputFileException(InputFileException.Reason.UNREADABLE, what + " " + file + ": " + reason(e));
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void close(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // a read-only handle: nothing to lose
        }
    }
}
