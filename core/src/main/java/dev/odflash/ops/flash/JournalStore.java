package dev.odflash.ops.flash;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odflash.bytes.Sha256;
import dev.odflash.ops.DriveInfo;
import dev.odflash.transport.Device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Journals live in {@code $ODFLASH_HOME/journals/<device key>.json}; the key is vendor, product and
 * serial when the drive has one, else vendor, product and the device path (emulated: the image
 * file), hashed into a file-name-safe form (architecture.md "Contracts").
 */
public final class JournalStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path directory;

    public JournalStore(Path directory) {
        this.directory = directory;
    }

    public static String deviceKey(DriveInfo info, Device device) {
        String identity = info.inquiry().vendor() + "|" + info.inquiry().product() + "|" + device.pathKey();
        return safe(info.inquiry().vendor()) + "_" + safe(info.inquiry().product()) + "_"
                + Sha256.hex(identity.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    private static String safe(String s) {
        String t = s.strip().replaceAll("[^A-Za-z0-9.\\-]", "-");
        return t.isEmpty() ? "unknown" : t;
    }

    public Path fileFor(String deviceKey) {
        return directory.resolve(deviceKey + ".json");
    }

    public Optional<Journal> pending(String deviceKey) throws IOException {
        Path f = fileFor(deviceKey);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        return Optional.of(Journal.fromJson(JSON.readTree(f.toFile())));
    }

    /** Writes the journal durably (temp file, fsync by Files.write + atomic rename). */
    public void write(Journal journal) throws IOException {
        Files.createDirectories(directory);
        Path target = fileFor(journal.deviceKey());
        Path temp = target.resolveSibling("." + target.getFileName() + ".writing");
        try (var ch = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(journal.toJson())));
            ch.force(true);
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public void remove(String deviceKey) throws IOException {
        Files.deleteIfExists(fileFor(deviceKey));
    }
}
