package dev.odflash.image.extract;

import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the entries of a ZIP or 7z archive found inside an updater (Apache Commons Compress), within
 * a {@link Budget}: entries larger than an image could be are skipped, and the total bytes inflated
 * across the whole extraction are capped, so a zip bomb or a zip inside a zip inside a zip ends with a
 * note, not an exhausted heap.
 */
final class Archives {
    /** Shared limits for one extraction. */
    static final class Budget {
        static final long MAX_ENTRY = 16L << 20;
        static final long MAX_TOTAL = 96L << 20;
        static final int MAX_ENTRIES = 2000;
        static final int MAX_DEPTH = 3;
        long inflated;
        int entries;

        boolean exhausted() {
            return inflated >= MAX_TOTAL || entries >= MAX_ENTRIES;
        }
    }

    /** Memory a 7z decoder may take: 7-Zip's largest default dictionary (-mx9) is 64 MiB, plus the decoder's state. */
    static final int MAX_DECODER_KIB = 72 * 1024;

    record Entry(String name, byte[] data) {
    }

    private Archives() {
    }

    static List<Entry> zip(byte[] data, int offset, Budget budget, List<String> notes) {
        List<Entry> out = new ArrayList<>();
        try (ZipArchiveInputStream in = new ZipArchiveInputStream(
                new ByteArrayInputStream(data, offset, data.length - offset), "UTF-8", true, true)) {
            ZipArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (budget.exhausted()) {
                    notes.add("archive reading stopped: the extraction's size or entry budget is spent");
                    break;
                }
                budget.entries++;
                if (e.isDirectory() || !in.canReadEntryData(e)) {
                    if (!e.isDirectory()) {
                        notes.add("zip entry " + e.getName() + ": compression method not supported");
                    }
                    continue;
                }
                byte[] bytes = readBounded(in, budget, e.getName(), notes);
                if (bytes != null) {
                    out.add(new Entry(e.getName(), bytes));
                }
            }
        } catch (IOException | RuntimeException e) {
            notes.add("zip at 0x" + Integer.toHexString(offset) + ": " + e.getMessage());
        }
        return out;
    }

    static List<Entry> sevenZip(byte[] data, int offset, Budget budget, List<String> notes) {
        List<Entry> out = new ArrayList<>();
        byte[] slice = Arrays.copyOfRange(data, offset, data.length);
        try (SevenZFile z = SevenZFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(slice))
                // KiB: commons-compress 1.28.0's setMaxMemoryLimitKb divides its argument by 1024 (it takes bytes
                // despite its name), so 64 * 1024 there was 64 KiB and every LZMA/LZMA2 archive was refused
                .setMaxMemoryLimitKiB(MAX_DECODER_KIB).get()) {
            SevenZArchiveEntry e;
            while ((e = z.getNextEntry()) != null) {
                if (budget.exhausted()) {
                    notes.add("archive reading stopped: the extraction's size or entry budget is spent");
                    break;
                }
                budget.entries++;
                if (e.isDirectory() || !e.hasStream()) {
                    continue;
                }
                if (e.getSize() > Budget.MAX_ENTRY) {
                    notes.add("7z entry " + e.getName() + " (" + e.getSize() + " bytes) is larger than any firmware; skipped");
                    continue;
                }
                byte[] bytes = readBounded(z.getInputStream(e), budget, e.getName(), notes);
                if (bytes != null) {
                    out.add(new Entry(e.getName(), bytes));
                }
            }
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            notes.add("7z at 0x" + Integer.toHexString(offset) + ": " + e.getMessage());
        }
        return out;
    }

    private static byte[] readBounded(InputStream in, Budget budget, String name, List<String> notes) throws IOException {
        long room = Math.min(Budget.MAX_ENTRY, Budget.MAX_TOTAL - budget.inflated);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[65536];
        int n;
        while (buf.size() <= room && (n = in.read(chunk, 0, (int) Math.min(chunk.length, room + 1 - buf.size()))) > 0) {
            buf.write(chunk, 0, n);
        }
        budget.inflated += buf.size();
        if (buf.size() > room) {
            notes.add("archive entry " + name + " inflates past " + room + " bytes; skipped (larger than any firmware)");
            return null;
        }
        return buf.toByteArray();
    }
}
