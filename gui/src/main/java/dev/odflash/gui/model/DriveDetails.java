package dev.odflash.gui.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.Eraser;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.status.BankState;
import dev.odflash.ops.status.StatusReport;
import dev.odflash.ops.status.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Drive details screen's facts: the chip panel (IDs, part, size, erasers, write granularity, tested
 * state) and the "is my firmware intact?" verdict bank by bank, as rows, as text and as JSON.
 */
public final class DriveDetails {
    public record Row(String name, String value) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DriveDetails() {
    }

    public static List<Row> chip(DriveInfo info) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Drive", Texts.line(info.inquiry().vendor() + " " + info.inquiry().product() + " "
                + info.inquiry().revision())));
        rows.add(new Row("Family", info.family().map(f -> f.word()).orElse("unknown: read-only")));
        rows.add(new Row("JEDEC ID", info.jedecId().map(Object::toString).orElse("not read")));
        Optional<ChipSpec> chip = info.chip();
        rows.add(new Row("Part", chip.map(c -> Texts.line(c.vendor() + " " + c.name())).orElse(Texts.line(info.chipText()))));
        rows.add(new Row("Size", info.flashSize().map(s -> Sizes.human(s.bytes())).orElse("unknown")));
        rows.add(new Row("Erasers", chip.map(c -> String.join(", ", c.erasers().stream().map(DriveDetails::eraser).toList()))
                .orElse("-")));
        rows.add(new Row("Write granularity", chip.map(c -> c.maxProgramLength() + " bytes per program call, "
                + c.writeModel().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " model").orElse("-")));
        rows.add(new Row("Tested", chip.map(c -> Texts.line(c.tested())).orElse("-")));
        return rows;
    }

    private static String eraser(Eraser e) {
        return Texts.line(e.name()) + " (" + Sizes.human(e.smallestBlock()) + (e.uniform() ? "" : ", mixed") + ")";
    }

    /** The one-line verdict of status. */
    public static String verdict(StatusReport r) {
        return switch (r.verdict()) {
            case Verdict.Intact i -> "Intact: holds " + basis(i.basis());
            case Verdict.Pending p -> "An interrupted flash to " + Texts.line(p.journal().toVersion()) + ": the drive holds "
                    + p.holds().name().toLowerCase(java.util.Locale.ROOT) + " content";
            case Verdict.PendingElsewhere p -> "A journal of this model under another key is not settled";
            case Verdict.Damaged d -> "DAMAGED: " + Texts.line(d.failingCheck());
            case Verdict.Unknown u -> "NOT a known intact image";
        };
    }

    private static String basis(Verdict.Basis b) {
        return switch (b) {
            case Verdict.Flashed f -> "the image flashed on " + f.entry().flashedAt() + " (" + Texts.line(f.entry().version()) + ")";
            case Verdict.Known k -> "the known image " + Texts.line(k.name());
            case Verdict.Backup bk -> "the backup " + Texts.line(bk.entry().file().getFileName().toString());
        };
    }

    /** Bank by bank against the pending flash's old and new image (empty: no pending flash to compare with). */
    public static List<Row> banks(StatusReport r) {
        if (r.banks().isEmpty()) { // no pending flash: status compares the whole flash at once
            return List.of(new Row("whole flash", r.intact() ? "intact" : verdict(r)));
        }
        return r.banks().stream().map(b -> new Row(String.format("bank %d (0x%06X)", b.bank(), b.offset()), word(b.match())))
                .toList();
    }

    private static String word(BankState.Match m) {
        return switch (m) {
            case BOTH -> "old and new agree";
            case OLD -> "old image";
            case NEW -> "new image";
            case NEITHER -> "neither image";
        };
    }

    public static String text(DriveInfo info, Optional<StatusReport> status) {
        StringBuilder sb = new StringBuilder();
        chip(info).forEach(r -> sb.append(r.name()).append(": ").append(r.value()).append('\n'));
        status.ifPresent(s -> {
            sb.append("Verdict: ").append(verdict(s)).append('\n').append("sha256: ").append(s.sha256()).append('\n');
            banks(s).forEach(r -> sb.append(r.name()).append(": ").append(r.value()).append('\n'));
        });
        return sb.toString();
    }

    public static String json(DriveInfo info, Optional<StatusReport> status) {
        ObjectNode o = JSON.createObjectNode();
        ObjectNode chip = o.putObject("chip");
        chip(info).forEach(r -> chip.put(r.name(), r.value()));
        status.ifPresent(s -> {
            o.put("verdict", verdict(s)).put("intact", s.intact()).put("sha256", s.sha256());
            ArrayNode banks = o.putArray("banks");
            s.banks().forEach(b -> banks.addObject().put("bank", b.bank()).put("offset", b.offset()).put("match", b.match().word()));
        });
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
