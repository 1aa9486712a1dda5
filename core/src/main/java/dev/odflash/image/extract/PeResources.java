package dev.odflash.image.extract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks a PE resource directory (Microsoft PE/COFF specification, ".rsrc section"): each directory is
 * 16 bytes (named-entry count at +12, ID-entry count at +14) followed by 8-byte entries {name or ID,
 * offset}; the offset's high bit marks a subdirectory; leaves are 16-byte data entries {data RVA, size,
 * code page, reserved}. Offsets are relative to the resource section's start. Three levels (type,
 * name, language) are standard; deeper trees, loops and absurd counts are cut with a note.
 */
public final class PeResources {
    static final int MAX_DEPTH = 4;
    static final int MAX_ENTRIES = 4096;

    /** One resource's data: its path ("RCDATA/FWIMAGE/1033"), file offset and size. */
    public record Resource(String path, long type, long fileOffset, long size) {
    }

    private final byte[] file;
    private final PeFile pe;
    private final long base;
    private final long limit;
    private final List<Resource> out = new ArrayList<>();
    private final Set<Long> visited = new HashSet<>();
    private final List<String> notes;
    private int entries;

    private PeResources(byte[] file, PeFile pe, long base, List<String> notes) {
        this.file = file;
        this.pe = pe;
        this.base = base;
        this.limit = Math.min(file.length, base + pe.resourceSize());
        this.notes = notes;
    }

    /** Every resource with data inside the file; problems are added to {@code notes}. */
    public static List<Resource> list(byte[] file, PeFile pe, List<String> notes) {
        if (pe.resourceRva() == 0 || pe.resourceSize() == 0) {
            return List.of();
        }
        long base = pe.fileOffset(pe.resourceRva());
        if (base < 0) {
            notes.add("the resource directory's address maps to no section data");
            return List.of();
        }
        PeResources walker = new PeResources(file, pe, base, notes);
        walker.walk(0, 0, "", -1);
        return walker.out;
    }

    private void walk(long dirOffset, int depth, String path, long type) {
        long at = base + dirOffset;
        if (depth >= MAX_DEPTH) {
            notes.add("resource tree deeper than " + MAX_DEPTH + " levels at " + path + "; not followed");
            return;
        }
        if (!visited.add(dirOffset)) {
            notes.add("resource directory loop at " + path + "; not followed");
            return;
        }
        if (at + 16 > limit) {
            notes.add("resource directory at " + path + " lies outside the resource data");
            return;
        }
        int count = PeFile.u16(file, (int) at + 12) + PeFile.u16(file, (int) at + 14);
        for (int i = 0; i < count; i++) {
            long e = at + 16 + 8L * i;
            if (e + 8 > limit || ++entries > MAX_ENTRIES) {
                notes.add("resource entries cut at " + path + " (outside the data or more than " + MAX_ENTRIES + ")");
                return;
            }
            long nameField = PeFile.u32(file, (int) e);
            long target = PeFile.u32(file, (int) e + 4);
            String name = name(nameField, depth);
            long entryType = depth == 0 ? ((nameField & 0x80000000L) != 0 ? -1 : nameField) : type;
            String sub = path.isEmpty() ? name : path + "/" + name;
            if ((target & 0x80000000L) != 0) {
                walk(target & 0x7FFFFFFFL, depth + 1, sub, entryType);
            } else {
                leaf(target, sub, entryType);
            }
        }
    }

    private void leaf(long dataEntry, String path, long type) {
        long at = base + dataEntry;
        if (at + 16 > limit) {
            notes.add("resource " + path + ": data entry outside the resource data");
            return;
        }
        long rva = PeFile.u32(file, (int) at);
        long size = PeFile.u32(file, (int) at + 4);
        long off = pe.fileOffset(rva);
        if (off < 0 || off + size > file.length) {
            notes.add(String.format("resource %s: data 0x%X bytes at RVA 0x%X lies outside the file", path, size, rva));
            return;
        }
        out.add(new Resource(path, type, off, size));
    }

    private String name(long field, int depth) {
        if ((field & 0x80000000L) != 0) {
            long at = base + (field & 0x7FFFFFFFL);
            if (at + 2 <= limit) {
                int len = Math.min(PeFile.u16(file, (int) at), 64);
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < len && at + 4 + 2L * i <= limit; i++) {
                    char c = (char) PeFile.u16(file, (int) (at + 2 + 2L * i));
                    sb.append(c >= 0x20 && c < 0x7F ? c : '?');
                }
                return sb.toString();
            }
            return "?";
        }
        return depth == 0 ? typeName(field) : Long.toString(field);
    }

    /** Standard resource type IDs (PE/COFF spec, winuser.h RT_*). */
    static String typeName(long id) {
        return switch ((int) id) {
            case 1 -> "CURSOR";
            case 2 -> "BITMAP";
            case 3 -> "ICON";
            case 4 -> "MENU";
            case 5 -> "DIALOG";
            case 6 -> "STRING";
            case 10 -> "RCDATA";
            case 12 -> "GROUP_CURSOR";
            case 14 -> "GROUP_ICON";
            case 16 -> "VERSION";
            case 24 -> "MANIFEST";
            default -> Long.toString(id);
        };
    }
}
