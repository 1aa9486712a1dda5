package dev.odflash.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The report's zip, built in memory (it holds two short traces, two JSON documents and a few logs). */
final class ReportArchive {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8);
    private final List<String> names = new ArrayList<>();
    private final Instant time;

    /** @param time every entry's time (the report's), so nothing in the archive dates the user's files */
    ReportArchive(Instant time) {
        this.time = time;
    }

    void add(String name, String text) {
        add(name, text.getBytes(StandardCharsets.UTF_8));
    }

    void add(String name, byte[] content) {
        try {
            ZipEntry e = new ZipEntry(name);
            e.setTime(time.toEpochMilli());
            zip.putNextEntry(e);
            zip.write(content);
            zip.closeEntry();
            names.add(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
    }

    List<String> names() {
        return List.copyOf(names);
    }

    byte[] finish() {
        try {
            zip.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
