package dev.odflash.cli;

import static dev.odflash.cli.TerminalText.visible;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.Eraser;
import dev.odflash.protocol.Configuration;
import dev.odflash.ops.Capability;
import dev.odflash.ops.DriveInfo;

import java.util.List;
import java.util.stream.Collectors;

/** `info` as JSON and as text, from a probed drive and its capabilities. */
final class DriveReport {
    private DriveReport() {
    }

    static ObjectNode json(DriveInfo info, List<Capability> capabilities) {
        ObjectNode o = Output.object();
        o.put("device", info.spec());
        o.put("emulated", info.emulated());
        ObjectNode inq = o.putObject("inquiry");
        inq.put("vendor", info.inquiry().vendor());
        inq.put("product", info.inquiry().product());
        inq.put("revision", info.inquiry().revision());
        inq.put("vendorSpecific", info.inquiry().vendorSpecific());
        inq.put("peripheralType", info.inquiry().peripheralType());
        o.put("known", info.model().isPresent());
        o.put("family", info.family().map(f -> f.word()).orElse(null));
        o.put("namedFamily", info.namedFamily().map(f -> f.word()).orElse(null)); // --family on a port: form
        o.put("layout", info.model().map(m -> m.layout().word()).orElse(null));
        o.put("bootRegion", info.model().map(m -> m.bootRegion()).orElse(0));
        o.put("bootMode", info.bootMode());
        o.put("mediumPresent", info.mediumPresent());
        o.put("currentProfile", info.configuration().map(c -> Configuration.profileName(c.currentProfile())).orElse(null));
        ObjectNode chip = o.putObject("chip");
        chip.put("known", info.chip().isPresent());
        chip.put("name", info.chip().map(ChipSpec::name).orElse(null));
        chip.put("manufacturerId", info.jedecId().map(id -> id.manufacturerHex()).orElse(null));
        chip.put("deviceId", info.jedecId().map(id -> id.deviceHex()).orElse(null));
        chip.put("size", info.flashSize().map(s -> s.bytes()).orElse(null));
        chip.put("sizeSource", info.flashSize().map(s -> s.source()).orElse(null));
        info.chip().ifPresent(c -> {
            chip.put("bus", c.bus().word());
            chip.put("writeModel", c.writeModel().word());
            chip.put("erasers", erasers(c));
        });
        ArrayNode caps = o.putArray("capabilities");
        capabilities.forEach(c -> caps.addObject().put("operation", c.operation()).put("available", c.available())
                .put("how", c.how()));
        ArrayNode notes = o.putArray("notes");
        info.notes().forEach(notes::add);
        ArrayNode warnings = o.putArray("warnings");
        info.warnings().forEach(warnings::add);
        return o;
    }

    static String text(DriveInfo info, List<Capability> capabilities) {
        StringBuilder sb = new StringBuilder();
        line(sb, "Device", visible(info.spec()) + (info.emulated() ? "  (emulated)" : ""));
        line(sb, "Drive", visible(info.inquiry().vendor()) + " " + visible(info.inquiry().product()) + ", revision "
                + visible(info.inquiry().revision()) + (info.bootMode() ? "  (BOOT MODE: the main firmware did not start)" : ""));
        if (!info.inquiry().vendorSpecific().isBlank()) {
            line(sb, "Firmware date", visible(info.inquiry().vendorSpecific()));
        }
        line(sb, "Family", info.model().map(m -> m.family().word() + ", image layout " + m.layout().word()
                + (m.bootRegion() > 0 ? ", boot region " + m.bootRegion() / 1024 + " KiB" : ""))
                .orElse(info.namedFamily().map(f -> "not in odflash's drive table; " + f.word() + " as named on the"
                        + " command line (odflash tries its vendor mode on it)")
                        .orElse("unknown drive: not in odflash's drive table, no vendor command is sent")));
        if (info.jedecId().isPresent()) {
            line(sb, "Chip", info.chip().map(c -> visible(c.vendor()) + " " + visible(c.name()) + " (JEDEC " + c.id() + ")")
                    .orElse("UNKNOWN (JEDEC manufacturer " + info.jedecId().get().manufacturerHex() + ", device "
                            + info.jedecId().get().deviceHex() + "; not in the chip table)"));
        }
        info.flashSize().ifPresent(s -> line(sb, "Flash size", Sizes.human(s.bytes()) + " (" + s.source() + ")"));
        info.chip().ifPresent(c -> {
            line(sb, "Bus / writes", c.bus().word() + ", write model " + c.writeModel().word());
            line(sb, "Erasers", erasers(c));
        });
        line(sb, "Medium", info.mediumPresent() ? "present (flashing needs an empty drive)" : "none");
        for (Capability c : capabilities) {
            line(sb, c.operation(), (c.available() ? "yes: " : "no: ") + visible(c.how()));
        }
        info.notes().forEach(n -> sb.append("note: ").append(visible(n)).append('\n'));
        info.warnings().forEach(w -> sb.append("warning: ").append(visible(w)).append('\n'));
        return sb.toString();
    }

    static String erasers(ChipSpec c) {
        return c.erasers().stream().map(DriveReport::eraser).collect(Collectors.joining(", "));
    }

    private static String eraser(Eraser e) {
        String layout = e.regions().stream().map(r -> (r.count() > 1 ? r.count() + "x" : "") + Sizes.human(r.size()))
                .collect(Collectors.joining("+"));
        return visible(e.name()) + " " + layout;
    }

    private static void line(StringBuilder sb, String label, String value) {
        sb.append(String.format("%-14s %s%n", label + ":", value));
    }
}
