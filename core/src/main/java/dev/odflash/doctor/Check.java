package dev.odflash.doctor;

/**
 * One line of `odflash doctor`: what was checked, on what, how it went, and what to do about it.
 *
 * @param target the device or "" for checks of the machine
 * @param fix    what the user should do; "" when nothing
 */
public record Check(String name, String target, Status status, String detail, String fix) {
    public enum Status {
        OK, INFO, SKIP, WARN, FAIL;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Check ok(String name, String target, String detail) {
        return new Check(name, target, Status.OK, detail, "");
    }

    public static Check info(String name, String target, String detail) {
        return new Check(name, target, Status.INFO, detail, "");
    }

    public static Check skip(String name, String target, String detail) {
        return new Check(name, target, Status.SKIP, detail, "");
    }

    public static Check warn(String name, String target, String detail, String fix) {
        return new Check(name, target, Status.WARN, detail, fix);
    }

    public static Check fail(String name, String target, String detail, String fix) {
        return new Check(name, target, Status.FAIL, detail, fix);
    }
}
