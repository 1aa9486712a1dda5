package dev.odflash.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One roff man page (section 1, man(7) macros) per command, read from the same picocli model --help is
 * printed from: name and header, synopsis, description, options, subcommands, exit codes, the examples
 * of {@link HelpExamples}, see-also. Pages are named as git names its own: `odflash-emu-firmware.1`.
 * Rendered here rather than through picocli-codegen's generator, which writes AsciiDoc and would need
 * asciidoctor (Ruby) on every build machine to become roff.
 */
final class ManPage {
    private ManPage() {
    }

    /** Every visible command of the tree, the root first, as file name to page text. */
    static Map<String, String> all(CommandLine root, String version) {
        Map<String, String> pages = new LinkedHashMap<>();
        collect(root, version, pages);
        return pages;
    }

    private static void collect(CommandLine cl, String version, Map<String, String> pages) {
        if (cl.getCommandSpec().usageMessage().hidden()) {
            return;
        }
        pages.put(pageName(cl.getCommandSpec()) + ".1", render(cl, version));
        cl.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name)) { // aliases share the page of their command
                collect(sub, version, pages);
            }
        });
    }

    /** "odflash", "odflash-info", "odflash-emu-firmware". */
    static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    static String render(CommandLine cl, String version) {
        CommandSpec spec = cl.getCommandSpec();
        String name = pageName(spec);
        StringBuilder m = new StringBuilder();
        m.append(".\\\" generated from odflash's command model (cli/.../ManPage.java); do not edit\n");
        m.append(".TH ").append(quoted(name.toUpperCase(java.util.Locale.ROOT))).append(" 1 \"\" ")
                .append(quoted("odflash " + version)).append(" \"odflash manual\"\n");
        m.append(".SH NAME\n").append(text(name)).append(" \\- ").append(text(summary(spec))).append('\n');

        m.append(".SH SYNOPSIS\n.nf\n");
        CommandLine.Help help = new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        m.append(lines(help.synopsis(0).strip().replaceFirst("^Usage: ", ""))).append(".fi\n");

        List<String> description = paragraphs(spec.usageMessage().description());
        if (!description.isEmpty()) {
            m.append(".SH DESCRIPTION\n");
            description.forEach(p -> m.append(".PP\n").append(lines(p)));
        }

        List<PositionalParamSpec> params = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (!params.isEmpty()) {
            m.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : params) {
                m.append(".TP\n").append("\\fI").append(text(p.paramLabel())).append("\\fR\n")
                        .append(lines(String.join(" ", format(p.description()))));
            }
        }

        List<OptionSpec> options = spec.options().stream().filter(o -> !o.hidden()).toList();
        if (!options.isEmpty()) {
            m.append(".SH OPTIONS\n");
            for (OptionSpec o : options) {
                m.append(".TP\n").append(optionHead(o)).append('\n')
                        .append(lines(String.join(" ", format(o.description()))));
            }
        }

        List<CommandLine> subs = visibleSubcommands(cl);
        if (!subs.isEmpty()) {
            m.append(".SH COMMANDS\n");
            for (CommandLine sub : subs) {
                m.append(".TP\n\\fB").append(text(sub.getCommandName())).append("\\fR\n")
                        .append(lines(summary(sub.getCommandSpec())));
            }
        }

        Map<String, String> codes = spec.usageMessage().exitCodeList();
        if (!codes.isEmpty()) {
            m.append(".SH EXIT STATUS\n");
            codes.forEach((code, meaning) -> m.append(".TP\n").append(text(code.strip())).append('\n')
                    .append(lines(format(new String[]{meaning})[0])));
        }

        CommandLine.IHelpSectionRenderer examples = spec.usageMessage().sectionMap().get("examples");
        if (examples != null) {
            String rendered = examples.render(help).strip();
            if (!rendered.isEmpty()) {
                m.append(".SH EXAMPLES\n.nf\n");
                // the section's own heading line is the man page's .SH
                List<String> body = new ArrayList<>(rendered.lines().toList());
                if (!body.isEmpty() && body.getFirst().endsWith(":")) {
                    body.removeFirst();
                }
                m.append(lines(String.join("\n", body).stripIndent().strip())).append(".fi\n");
            }
        }

        m.append(".SH SEE ALSO\n").append(text(seeAlso(cl))).append('\n');
        return m.toString();
    }

    private static List<CommandLine> visibleSubcommands(CommandLine cl) {
        List<CommandLine> subs = new ArrayList<>();
        cl.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name) && !sub.getCommandSpec().usageMessage().hidden()) {
                subs.add(sub);
            }
        });
        return subs;
    }

    private static String seeAlso(CommandLine cl) {
        List<String> refs = new ArrayList<>();
        if (cl.getParent() != null) {
            refs.add(pageName(cl.getParent().getCommandSpec()) + "(1)");
        }
        visibleSubcommands(cl).forEach(sub -> refs.add(pageName(sub.getCommandSpec()) + "(1)"));
        if (cl.getParent() != null && !refs.getFirst().equals("odflash(1)")) {
            refs.add("odflash(1)");
        }
        return refs.isEmpty() ? "odflash --help" : String.join(", ", refs);
    }

    /** The header line, else the first description paragraph's first sentence. */
    private static String summary(CommandSpec spec) {
        String[] header = format(spec.usageMessage().header());
        if (header.length > 0 && !header[0].isBlank()) {
            return header[0].strip();
        }
        List<String> d = paragraphs(spec.usageMessage().description());
        return d.isEmpty() ? spec.name() : d.getFirst();
    }

    private static String optionHead(OptionSpec o) {
        List<String> names = new ArrayList<>();
        for (String n : o.names()) {
            names.add("\\fB" + text(n) + "\\fR");
        }
        String head = String.join(", ", names);
        if (o.arity().max() > 0) {
            head += "=\\fI" + text(o.paramLabel()) + "\\fR";
        }
        return head;
    }

    private static List<String> paragraphs(String[] description) {
        List<String> out = new ArrayList<>();
        for (String p : format(description)) {
            for (String part : p.split("\n\\s*\n")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    /** picocli treats descriptions as format strings: %n is a line break, %% a percent sign. */
    private static String[] format(String[] lines) {
        String[] out = new String[lines.length];
        for (int i = 0; i < lines.length; i++) {
            out[i] = lines[i].replace("%n", "\n").replace("%%", "%");
        }
        return out;
    }

    /** Text lines of a paragraph, each escaped; a line roff would read as a request is guarded. */
    private static String lines(String paragraph) {
        StringBuilder sb = new StringBuilder();
        for (String line : paragraph.split("\n", -1)) {
            String t = text(line);
            if (t.startsWith(".") || t.startsWith("'")) {
                t = "\\&" + t;
            }
            sb.append(t).append('\n');
        }
        return sb.toString();
    }

    /** Escapes roff's escape character and writes hyphens as minus signs (so options paste as typed). */
    static String text(String s) {
        return TerminalText.visible(s).replace("\\", "\\e").replace("-", "\\-");
    }

    private static String quoted(String s) {
        return "\"" + text(s).replace("\"", "\\(dq") + "\"";
    }
}
