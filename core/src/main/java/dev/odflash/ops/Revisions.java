package dev.odflash.ops;

import java.util.Locale;
import java.util.Optional;

/**
 * Orders two firmware revisions, or says they cannot be ordered. The version gate fails closed on
 * an unordered pair (docs/architecture.md "Safety rules", rule 4): a guess that lets a downgrade through is worse than a refusal
 * that {@code --allow-older} overrides.
 *
 * <p>Two revisions can be ordered only when both follow the same scheme:
 * <ul>
 *   <li><b>dotted numeric</b>: digits separated by dots ({@code 1.9}, {@code 1.10}, {@code 0040});
 *       the groups compare as numbers from the left, a missing group counts as 0;</li>
 *   <li><b>code</b>: letters and digits of the same length with the same leading letters
 *       ({@code GS0J}/{@code GS0K}, {@code TS01}/{@code TS04}); the rest compares position by
 *       position, digits before letters (the order LiteOn, TSST and Samsung codes count in).</li>
 * </ul>
 * Anything else (mixed schemes such as {@code 1.10}/{@code 1.0B}, other prefixes such as
 * {@code SB02}/{@code FT02}, different lengths, punctuation, an empty revision) is unordered.
 * Equal revisions (ignoring case and surrounding blanks) are the same whatever their scheme.
 */
public final class Revisions {
    public enum Order { NEWER, SAME, OLDER, UNORDERED }

    private static final String DOTTED = "[0-9]+(\\.[0-9]+)*";
    private static final String CODE = "[A-Z0-9]+";

    private Revisions() {
    }

    /** How {@code candidate} relates to {@code installed}: NEWER means it would be an upgrade. */
    public static Order compare(String installed, String candidate) {
        String have = installed.strip().toUpperCase(Locale.ROOT);
        String want = candidate.strip().toUpperCase(Locale.ROOT);
        if (have.isEmpty() || want.isEmpty()) {
            return Order.UNORDERED;
        }
        if (have.equals(want)) {
            return Order.SAME;
        }
        Optional<Integer> c = dotted(have, want).or(() -> code(have, want));
        return c.map(v -> v < 0 ? Order.NEWER : v > 0 ? Order.OLDER : Order.SAME).orElse(Order.UNORDERED);
    }

    private static Optional<Integer> dotted(String a, String b) {
        if (!a.matches(DOTTED) || !b.matches(DOTTED)) {
            return Optional.empty();
        }
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = numeric(i < x.length ? x[i] : "0", i < y.length ? y[i] : "0");
            if (c != 0) {
                return Optional.of(c);
            }
        }
        return Optional.of(0);
    }

    private static Optional<Integer> code(String a, String b) {
        if (!a.matches(CODE) || !b.matches(CODE) || a.length() != b.length()
                || !leadingLetters(a).equals(leadingLetters(b))) {
            return Optional.empty();
        }
        for (int i = 0; i < a.length(); i++) {
            int c = Integer.compare(rank(a.charAt(i)), rank(b.charAt(i)));
            if (c != 0) {
                return Optional.of(c);
            }
        }
        return Optional.of(0);
    }

    private static String leadingLetters(String s) {
        int i = 0;
        while (i < s.length() && Character.isLetter(s.charAt(i))) {
            i++;
        }
        return s.substring(0, i);
    }

    /** Digits before letters: 0-9 then A-Z. */
    private static int rank(char ch) {
        return Character.isDigit(ch) ? ch - '0' : 10 + ch - 'A';
    }

    /** Compares two digit strings as numbers of any length. */
    private static int numeric(String a, String b) {
        String x = a.replaceFirst("^0+(?=.)", "");
        String y = b.replaceFirst("^0+(?=.)", "");
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }
}
