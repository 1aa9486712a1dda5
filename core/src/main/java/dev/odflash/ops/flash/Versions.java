package dev.odflash.ops.flash;

/** Orders firmware revisions ("1.10" < "1.20", "1.9" < "1.10"): numeric parts numerically, the rest as text. */
final class Versions {
    private Versions() {
    }

    static int compare(String a, String b) {
        String[] x = a.strip().split("[.\\-_ ]");
        String[] y = b.strip().split("[.\\-_ ]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "";
            String q = i < y.length ? y[i] : "";
            int c = p.matches("\\d+") && q.matches("\\d+")
                    ? Long.compare(Long.parseLong(p), Long.parseLong(q)) : p.compareTo(q);
            if (c != 0) {
                return Integer.signum(c);
            }
        }
        return 0;
    }
}
