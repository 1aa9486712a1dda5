package dev.odflash.arch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Core returns facts; views own words, flag names and exit codes (docs/architecture.md "Contracts",
 * issue 13 "typed outcomes"). A core main source that spells a CLI flag ({@code "--allow-older"}, in a
 * string literal or a comment's quotes) fails here: name the choice with {@code dev.odflash.ops.Choice}
 * (a refusal's override, or {@code Choice.X.mention()} inside a text) and let the view word it.
 */
class NoFlagWordsInCoreTest {
    /** A double-quoted stretch on one line holding "--" followed by a letter: a flag's spelling. */
    private static final Pattern FLAG_LITERAL = Pattern.compile("\"[^\"\\n]*--[a-z][^\"\\n]*\"");

    @Test
    void noCoreMainSourceSpellsACliFlag() throws IOException {
        Path main = Path.of("src/main/java");
        assertThat(main).as("run from the core module's directory").isDirectory();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = FLAG_LITERAL.matcher(lines.get(i));
                    while (m.find()) {
                        found.add(main.relativize(f) + ":" + (i + 1) + ": " + m.group());
                    }
                }
            }
        }
        assertThat(found).as("core names CLI flags").isEmpty();
    }

    @Test
    void thePatternCatchesAFlag() {
        assertThat(FLAG_LITERAL.matcher("throw refused(\"gate version: use --allow-older\");").find()).isTrue();
        assertThat(FLAG_LITERAL.matcher("String s = \"a -- b\"; // --allow-older").find()).isFalse();
    }
}
