package dev.odflash.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean" for a mistyped command, option or emulator profile, as git and cargo offer it: the
 * known names within a small edit distance of what was typed (or that it is a prefix of), nearest first.
 */
final class DidYouMean {
    private static final int SHOWN = 3;

    private DidYouMean() {
    }

    /** The nearest known names, at most three; empty when nothing is close. */
    static List<String> nearest(String typed, Collection<String> known) {
        String t = typed.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, t.length() / 3);
        return known.stream().distinct()
                .filter(k -> !k.equalsIgnoreCase(typed))
                .filter(k -> distance(t, k.toLowerCase(Locale.ROOT)) <= limit
                        || t.length() >= 3 && k.toLowerCase(Locale.ROOT).startsWith(t))
                .sorted(Comparator.comparingInt((String k) -> distance(t, k.toLowerCase(Locale.ROOT))).thenComparing(k -> k))
                .limit(SHOWN).toList();
    }

    /** "; did you mean `a` or `b`?" for a message, or "" when nothing is close. */
    static String suffix(String typed, Collection<String> known) {
        List<String> n = nearest(typed, known);
        if (n.isEmpty()) {
            return "";
        }
        return "; did you mean " + String.join(" or ", n.stream().map(s -> "`" + s + "`").toList()) + "?";
    }

    /** Levenshtein distance with adjacent transpositions counted as one edit ("falsh" is one from "flash"). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
