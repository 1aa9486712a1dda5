package dev.odflash.cli;

import static dev.odflash.cli.TerminalText.visible;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.ops.BackupSightings;
import dev.odflash.ops.status.LibraryContents;
import dev.odflash.ops.status.LibraryIssue;

/** The words and JSON of library entries, shared by `library list`, `verify` and `prune`. */
final class LibraryText {
    private LibraryText() {
    }

    static ObjectNode json(LibraryContents.Item item, ObjectNode o) {
        o.put("drive", item.driveKey());
        o.put("file", item.entry().file().toString());
        o.put("revision", item.entry().revision());
        o.put("state", item.entry().state().word());
        o.put("sha256", item.entry().sha256());
        o.put("createdAt", item.entry().createdAt());
        ArrayNode seen = o.putArray("seen");
        for (BackupSightings.Sighting s : item.seen()) {
            ObjectNode x = seen.addObject().put("createdAt", s.createdAt());
            s.serial().ifPresent(v -> x.put("serial", v));
            x.put("toolVersion", s.toolVersion());
        }
        return o;
    }

    static String line(LibraryContents.Item item) {
        int seen = item.seen().size();
        return String.format("%s  %s  %s  %s  sha256 %s%s%n  %s%n", visible(item.driveKey()),
                visible(item.entry().revision()), item.entry().state().word(), visible(item.entry().createdAt()),
                item.entry().sha256().substring(0, 16),
                seen == 0 ? "" : "  (backed up again " + seen + (seen == 1 ? " time" : " times") + ")",
                visible(item.entry().file().toString()));
    }

    static ObjectNode json(LibraryIssue issue, ObjectNode o) {
        return o.put("file", issue.file().toString()).put("problem", issue.problem().word()).put("detail", issue.detail());
    }

    static String line(LibraryIssue issue) {
        return String.format("%s: %s: %s%n", issue.problem().word(), visible(issue.file().toString()), visible(issue.detail()));
    }
}
