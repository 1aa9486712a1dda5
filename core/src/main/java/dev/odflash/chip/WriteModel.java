package dev.odflash.chip;

/**
 * What the datasheet allows between two erases (docs/architecture.md "Write models"). The emulator
 * enforces it and the planner and the benchmark's lower bound obey it.
 */
public sealed interface WriteModel {
    /** Any bit may be cleared at any time: program-only where every changed bit goes 1 to 0. */
    record Bit() implements WriteModel {
        @Override
        public String word() {
            return "bit";
        }
    }

    /** A byte may be programmed once after erase: program-only where every changed byte is still 0xFF. */
    record Byte() implements WriteModel {
        @Override
        public String word() {
            return "byte";
        }
    }

    /** N-byte pages, each programmed once after erase and written whole. */
    record Page(int size) implements WriteModel {
        @Override
        public String word() {
            return "page:" + size;
        }
    }

    /** Writing an N-byte page erases it internally first (Winbond W29C0x0, Atmel AT29C0x0). */
    record AutoPage(int size) implements WriteModel {
        @Override
        public String word() {
            return "autopage:" + size;
        }
    }

    String word();

    /** The unit a program operation writes: 1 for bit and byte parts, the page for page parts. */
    default int programUnit() {
        return switch (this) {
            case Page p -> p.size();
            case AutoPage a -> a.size();
            case Bit b -> 1;
            case Byte b -> 1;
        };
    }

    static WriteModel parse(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("bit")) {
            return new Bit();
        }
        if (t.equals("byte")) {
            return new Byte();
        }
        int colon = t.indexOf(':');
        if (colon > 0) {
            int n = Integer.parseInt(t.substring(colon + 1));
            if (n <= 0 || Integer.bitCount(n) != 1 && n != 264 && n != 528) {
                throw new IllegalArgumentException("page size must be a power of two, 264 or 528: " + text);
            }
            switch (t.substring(0, colon)) {
                case "page":
                    return new Page(n);
                case "autopage":
                    return new AutoPage(n);
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("unknown write model '" + text + "' (bit, byte, page:N, autopage:N)");
    }
}
