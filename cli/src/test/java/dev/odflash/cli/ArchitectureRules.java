package dev.odflash.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The layer rules of docs/architecture.md ("Layers and who may depend on whom") as checks on source text:
 * a small Java lexer separates code, comments and string literals, so that a rule sees every type named
 * in code (imports and fully qualified names) and every string literal, and nothing inside comments.
 * Each rule takes (file name, source) so that {@link ArchitectureTest} can show it fails on a snippet.
 */
final class ArchitectureRules {
    private ArchitectureRules() {
    }

    /** Code with comments and literal contents blanked, and the string literals (text blocks too). */
    record Lexed(String code, List<String> literals) {
    }

    static Lexed lex(String src) {
        StringBuilder code = new StringBuilder(src.length());
        List<String> literals = new ArrayList<>();
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                code.append(' ');
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end;
                literals.add(src.substring(i + 3, end));
                code.append("\"\"");
                i = Math.min(n, end + 3);
            } else if (c == '"' || c == '\'') {
                StringBuilder lit = new StringBuilder();
                int j = i + 1;
                while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
                    if (src.charAt(j) == '\\' && j + 1 < n) {
                        lit.append(src.charAt(j));
                        j++;
                    }
                    lit.append(src.charAt(j));
                    j++;
                }
                if (c == '"') {
                    literals.add(lit.toString());
                }
                code.append(c).append(c);
                i = j + 1;
            } else {
                code.append(c);
                i++;
            }
        }
        return new Lexed(code.toString(), literals);
    }

    private static final Pattern IMPORT = Pattern.compile("\\bimport\\s+(?:static\\s+)?([\\w.]+)");
    private static final Pattern QUALIFIED = Pattern.compile("\\bdev\\.odflash(?:\\.[a-z][a-z0-9_]*)+\\.[A-Z]\\w*");

    /** Every odflash type the code names (imports and qualified names), e.g. {@code dev.odflash.plan.FlashPlan}. */
    static List<String> referencedTypes(String src) {
        String code = lex(src).code().replaceAll("\\bpackage\\s+[\\w.]+\\s*;", "");
        List<String> out = new ArrayList<>();
        Matcher m = QUALIFIED.matcher(code);
        while (m.find()) {
            out.add(m.group());
        }
        Matcher im = IMPORT.matcher(code);
        while (im.find()) {
            if (im.group(1).startsWith("dev.odflash.") && !QUALIFIED.matcher(im.group(1)).lookingAt()) {
                out.add(im.group(1).replaceAll("\\.$", "")); // a wildcard or static member import: the package is enough to judge
            }
        }
        return out;
    }

    /** The referenced types that fall under one of the forbidden packages (a prefix and its subpackages). */
    static List<String> forbiddenReferences(String src, List<String> forbiddenPackages, List<String> allowedTypes) {
        return referencedTypes(src).stream()
                .filter(t -> forbiddenPackages.stream().anyMatch(p -> t.equals(p) || t.startsWith(p + ".")))
                .filter(t -> allowedTypes.stream().noneMatch(a -> t.equals(a) || t.startsWith(a + ".")))
                .distinct().sorted().toList();
    }

    /** Rule: the emulator models drives from the protocol documents, not from the host's code. */
    static final List<String> EMULATOR_FORBIDDEN = List.of("dev.odflash.protocol", "dev.odflash.image",
            "dev.odflash.plan", "dev.odflash.ops",
            "dev.odflash.bytes.Cmac"); // the emulator signs and checks with its own CMAC (emulator.firmware.EmulatorCmac)

    /** Rule: native is OS pass-through only; it knows no drive, family, image or operation. */
    static final List<String> NATIVE_FORBIDDEN = List.of("dev.odflash.drive", "dev.odflash.family",
            "dev.odflash.image", "dev.odflash.ops");

    /** Rule: a CLI command parses, calls an operation and renders; it speaks no protocol and sends nothing. */
    static final List<String> COMMAND_FORBIDDEN = List.of("dev.odflash.protocol", "dev.odflash.transport");

    /** The transport types a command may hold: it opens the device and hands it to an operation. */
    static final List<String> COMMAND_ALLOWED = List.of("dev.odflash.transport.Device",
            "dev.odflash.transport.TransportException", "dev.odflash.transport.ExclusiveUse");

    static boolean isCommand(String src) {
        return lex(src).code().contains("@Command(");
    }

    private static final Pattern LOCK = Pattern.compile("\\bsynchronized\\b|\\bvolatile\\b|\\b(?:Reentrant|ReadWrite|Stamped)Lock\\b");

    /**
     * Rule: an emulated drive is confined to one thread (docs/architecture.md "The emulated drive is a drive"),
     * so its classes hold no locks: the locking words in code (not in comments or strings).
     */
    static List<String> lockWords(String src) {
        Matcher m = LOCK.matcher(lex(src).code());
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static final Pattern FLAG = Pattern.compile("(?:^|[\\s(`'\"\\[])--[a-z]");

    /** Rule: core speaks no CLI: the string literals that name a {@code --flag}. */
    private static final Pattern FAMILY_CONSTANT = Pattern.compile("\\b(?:DriveFamily|ImageLayout)\\.[A-Z][A-Z0-9_]*\\b");
    private static final Pattern FAMILY_CASE = Pattern.compile(
            "\\bcase\\s+(?:MTK8051|BTC|TSST|MT19XX|EXTERNAL|TSST_MT1339|SD616|MT1939|MT1959)\\b");

    /**
     * Decisions on a family's or a layout's name in code (a constant compared or a case label): outside the
     * family packages code asks the family instead (docs/how-to-add-a-family.md).
     */
    static List<String> familyDecisions(String src) {
        String code = lex(src).code();
        List<String> out = new ArrayList<>();
        for (Pattern p : List.of(FAMILY_CONSTANT, FAMILY_CASE)) {
            Matcher m = p.matcher(code);
            while (m.find()) {
                out.add(m.group().replaceAll("\\s+", " "));
            }
        }
        return out;
    }

    static List<String> flagLiterals(String src) {
        return lex(src).literals().stream().filter(l -> FLAG.matcher(l).find()).toList();
    }

    private static final Pattern TOOLKIT = Pattern.compile("\\b(?:javax\\.swing|java\\.awt)(?:\\.[a-z]\\w*)*\\.[A-Z]\\w*");

    /** The Swing and AWT types the code names (imports and qualified names), outside comments and literals. */
    static List<String> uiToolkitReferences(String src) {
        Matcher m = TOOLKIT.matcher(lex(src).code());
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** The main sources of a module, by path relative to its source root ("dev/odflash/..."). */
    static Map<String, String> mainSources(Path repo, String module) {
        Path root = repo.resolve(module).resolve("src/main/java");
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                out.put(root.relativize(f).toString().replace('\\', '/'), Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
