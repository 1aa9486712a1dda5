package dev.odflash.ops.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odflash.ops.BackupLibrary;
import dev.odflash.ops.BackupSidecar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The backups a library holds, read from their sidecars. "Matches backup X" compares contents, so
 * it holds whichever unit X came from (architecture.md "Contracts"). A sidecar that does not parse
 * is skipped: the library is never trusted beyond what its sidecars say.
 */
public final class BackupIndex {
    private BackupIndex() {
    }

    public static List<LibraryEntry> scan(BackupLibrary library) {
        List<LibraryEntry> out = new ArrayList<>();
        Path root = library.backups();
        if (!Files.isDirectory(root)) {
            return out;
        }
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.walk(root, 3)) {
            for (Path bin : files.filter(p -> p.toString().endsWith(".bin")).sorted().toList()) {
                Path sidecar = BackupSidecar.pathFor(bin);
                if (!Files.exists(sidecar)) {
                    continue;
                }
                try {
                    JsonNode s = json.readTree(sidecar.toFile());
                    out.add(new LibraryEntry(bin, s.path("sha256").asText(), s.path("drive").path("revision").asText(),
                            s.path("state").asText(), s.path("createdAt").asText()));
                } catch (IOException e) {
                    // an unreadable sidecar makes that file no backup; skip it
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(Comparator.comparing(LibraryEntry::createdAt));
        return out;
    }
}
