package dev.odflash.nativeio.flashrom;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code flashrom:<programmer>[:<params>]}: libflashrom's programmer name and its parameter string, passed as
 * given, less odflash's own {@code odflash_fault=} item (dummy programmer only; README "External programmers").
 */
record FlashromSpec(String programmer, String params, Optional<String> faults) {
    static final String PREFIX = "flashrom:";
    private static final String FAULT_KEY = "odflash_fault=";
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,40}");

    static FlashromSpec parse(String spec) {
        String rest = spec.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        String programmer = colon < 0 ? rest : rest.substring(0, colon);
        String params = colon < 0 ? "" : rest.substring(colon + 1);
        if (!NAME.matcher(programmer).matches()) {
            throw new IllegalArgumentException("the programmer name after flashrom: must be libflashrom's"
                    + " (lower-case letters, digits, _), such as ch341a_spi, linux_spi or dummy");
        }
        if (params.indexOf('\0') >= 0 || params.length() > 4096) {
            throw new IllegalArgumentException("the programmer parameters are not a plain string");
        }
        List<String> kept = new ArrayList<>();
        Optional<String> faults = Optional.empty();
        for (String item : params.isEmpty() ? new String[0] : params.split(",", -1)) {
            if (item.startsWith(FAULT_KEY)) {
                faults = Optional.of(item.substring(FAULT_KEY.length()));
            } else {
                kept.add(item);
            }
        }
        if (faults.isPresent() && !programmer.equals("dummy")) {
            throw new IllegalArgumentException(FAULT_KEY + " is odflash's fault injection for the dummy programmer only");
        }
        return new FlashromSpec(programmer, String.join(",", kept), faults);
    }
}
