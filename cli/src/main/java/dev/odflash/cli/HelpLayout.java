package dev.odflash.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How every --help reads: each description paragraph written as one line that picocli wraps itself (the
 * sources keep their lines short; joined here, so no hand-wrapped line is wrapped a second time); an
 * EXAMPLES section of quoted command lines ({@link HelpExamples}, built by {@link SuggestedCommand}); and
 * `--trace` listed only where a drive is talked to (the commands with --device), while every command
 * still accepts it (docs/architecture.md "Contracts").
 */
final class HelpLayout {
    private static final String EXAMPLES = "examples";

    private HelpLayout() {
    }

    static void apply(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        spec.usageMessage().description(paragraphs(spec.usageMessage().description()));
        hideTraceWithoutDrive(spec);
        List<List<String>> examples = HelpExamples.of(qualifiedWords(spec));
        if (!examples.isEmpty()) {
            List<String> keys = new ArrayList<>(spec.usageMessage().sectionKeys());
            keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING), EXAMPLES);
            spec.usageMessage().sectionKeys(keys);
            Map<String, CommandLine.IHelpSectionRenderer> sections = spec.usageMessage().sectionMap();
            sections.put(EXAMPLES, help -> examplesText(examples));
        }
        cl.getSubcommands().values().forEach(HelpLayout::apply);
    }

    /** Joins hand-wrapped lines into paragraphs; an empty line, or one starting with "- ", starts a new one. */
    static String[] paragraphs(String[] lines) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            boolean breaks = line.isBlank() || line.startsWith("- ");
            if (breaks && !current.isEmpty()) {
                out.add(current.toString());
                current.setLength(0);
            }
            if (line.isBlank()) {
                out.add("");
                continue;
            }
            current.append(current.isEmpty() ? "" : " ").append(line.strip());
        }
        if (!current.isEmpty()) {
            out.add(current.toString());
        }
        return out.toArray(String[]::new);
    }

    private static void hideTraceWithoutDrive(CommandSpec spec) {
        OptionSpec trace = spec.findOption("--trace");
        if (trace == null || trace.hidden() || spec.findOption("--device") != null) {
            return;
        }
        // a copy bound to the same field: still accepted, only not listed
        spec.remove(trace);
        spec.addOption(OptionSpec.builder(trace).hidden(true).scopeType(CommandLine.ScopeType.LOCAL).build());
    }

    private static List<String> qualifiedWords(CommandSpec spec) {
        List<String> words = new ArrayList<>(List.of(spec.qualifiedName().split(" ")));
        return words.subList(1, words.size());
    }

    private static String examplesText(List<List<String>> examples) {
        StringBuilder sb = new StringBuilder(String.format("%nExamples:%n"));
        for (List<String> e : examples) {
            sb.append("  ").append(SuggestedCommand.of().args(e)).append(String.format("%n"));
        }
        return sb.toString();
    }
}
