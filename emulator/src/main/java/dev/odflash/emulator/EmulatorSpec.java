package dev.odflash.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A parsed {@code emu:<profile>[?key=value&...]} device spec. Values are percent-decoded (they may
 * hold '&', '?' or '%' encoded). Unknown keys are usage errors, so a typo never silently falls back
 * to a default drive.
 */
public record EmulatorSpec(String profile, Map<String, String> params) {
    public static final String PREFIX = "emu:";
    static final Set<String> KEYS = Set.of("chip", "image", "medium", "align", "maxxfer", "bridge", "fault", "unit", "stats",
            "timescale", "readbuffer", "intro", "unlock", "bp", "spi", "atapi");

    public EmulatorSpec {
        params = Map.copyOf(params);
    }

    public static boolean isEmulator(String spec) {
        return spec.startsWith(PREFIX);
    }

    public static EmulatorSpec parse(String spec) {
        if (!isEmulator(spec)) {
            throw new IllegalArgumentException("not an emulator spec: " + spec);
        }
        String rest = spec.substring(PREFIX.length());
        int q = rest.indexOf('?');
        String profile = q < 0 ? rest : rest.substring(0, q);
        if (profile.isBlank()) {
            throw new IllegalArgumentException("emu: needs a profile name, e.g. emu:asus-crw-5224a (see `odflash emu profiles`)");
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (q >= 0 && q + 1 < rest.length()) {
            for (String pair : rest.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("device spec parameter '" + pair + "' needs the form key=value");
                }
                String key = pair.substring(0, eq);
                if (!KEYS.contains(key)) {
                    throw new IllegalArgumentException("unknown device spec parameter '" + key + "' (known: "
                            + String.join(", ", KEYS.stream().sorted().toList()) + ")");
                }
                if (params.put(key, decode(pair.substring(eq + 1))) != null) {
                    throw new IllegalArgumentException("device spec parameter '" + key + "' given twice");
                }
            }
        }
        return new EmulatorSpec(profile, params);
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad percent-encoding in '" + value + "'");
        }
    }

    public long number(String key, long fallback) {
        String v = params.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return v.startsWith("0x") || v.startsWith("0X") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("device spec parameter " + key + "=" + v + " is not a number");
        }
    }
}
