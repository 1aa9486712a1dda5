package dev.odflash.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.input.InputFileException;
import dev.odflash.ops.Choice;
import dev.odflash.ops.Failure;
import dev.odflash.ops.ImageFit;
import dev.odflash.ops.NextStep;
import dev.odflash.transport.TransportException;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where core's facts become the CLI's words: a {@link Failure} becomes a message, an exit
 * code and the structured fields of a JSON error; a {@link Choice} becomes the flag that makes it; a
 * core text's choice placeholders ({@link Choice#mention()}) become flag names.
 */
final class OutcomeText {
    private static final Pattern MENTION = Pattern.compile("\\{choice:([A-Z_]+)}");
    private static final Pattern NEXT = Pattern.compile("\\{next:([A-Z_]+)}");
    /** The overrides that are a flag of the refused command: its retry with the flag added passes the gate. */
    private static final java.util.Set<Choice> FLAG_OVERRIDES = java.util.EnumSet.of(Choice.ALLOW_CROSS_FLASH,
            Choice.ALLOW_REINSTALL, Choice.ALLOW_OLDER, Choice.INCLUDE_BOOT, Choice.WITHOUT_BACKUP, Choice.YES,
            Choice.REGIONS_ONLY, Choice.ALLOW_BATTERY);

    private OutcomeText() {
    }

    /** The flag (with its value's label where it takes one) that makes a choice. */
    static String flag(Choice c) {
        return switch (c) {
            case ALLOW_CROSS_FLASH -> "--allow-cross-flash";
            case ALLOW_REINSTALL -> "--allow-reinstall";
            case ALLOW_OLDER -> "--allow-older";
            case INCLUDE_BOOT -> "--include-boot";
            case WITHOUT_BACKUP -> "--without-backup";
            case YES -> "--yes";
            case CHIP_NAMED -> "--chip";
            case CHIP_DB -> "--chip-db";
            case SIZE_GIVEN -> "--size";
            case OWN_BACKUP -> "--backup";
            case KEY_GIVEN -> "--key";
            case DRY_RUN -> "--dry-run";
            case OTHER_OUTPUT -> "-o";
            case ADOPT_JOURNAL -> "journal adopt";
            case REGIONS_ONLY -> "--regions-only";
            case EXTRACT_UPDATER -> "extract";
            case ALLOW_BATTERY -> "--allow-battery";
            case MT19XX_VARIANT -> "--mt19xx-variant";
            case ALLOW_UNPROTECT -> "--allow-unprotect";
            case MODEL_NAMED -> "--model";
            case FAMILY_NAMED -> "--family";
            case IDENTITY_CONFIRMED -> "--confirm-identity";
        };
    }

    /**
     * A core text with every choice placeholder replaced by its flag and every next step by the command
     * to paste ({@link #step}), the program named as the user invoked it.
     */
    static String words(String core) {
        if (core == null) {
            return null;
        }
        if (!SuggestedCommand.program().equals("odflash")) {
            // the CLI's own and the native module's texts name a few commands (`odflash list`): as invoked
            core = core.replace("`odflash ", "`" + SuggestedCommand.quote(SuggestedCommand.program()) + " ");
        }
        if (core.indexOf("{next:") >= 0) {
            Matcher n = NEXT.matcher(core);
            StringBuilder sb = new StringBuilder();
            while (n.find()) {
                String name = n.group(1);
                String word = java.util.Arrays.stream(NextStep.values()).anyMatch(c -> c.name().equals(name))
                        ? step(NextStep.valueOf(name)) : n.group();
                n.appendReplacement(sb, Matcher.quoteReplacement(word));
            }
            n.appendTail(sb);
            core = sb.toString();
        }
        if (core.indexOf("{choice:") < 0) {
            return core;
        }
        Matcher m = MENTION.matcher(core);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String word = java.util.Arrays.stream(Choice.values()).anyMatch(c -> c.name().equals(name))
                    ? flag(Choice.valueOf(name)) : m.group();
            m.appendReplacement(sb, Matcher.quoteReplacement(word));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** What the user can do about a refusal, as words appended to its reason. */
    static String overrideText(Optional<Choice> override, List<String> arguments) {
        if (override.isEmpty()) {
            return "";
        }
        return switch (override.get()) {
            case ALLOW_CROSS_FLASH -> " (--allow-cross-flash overrides, at your risk)";
            case ALLOW_REINSTALL -> "; reinstalling needs --allow-reinstall";
            case ALLOW_OLDER -> "; flashing it needs --allow-older";
            case INCLUDE_BOOT -> "; odflash writes the boot region only with --include-boot";
            case WITHOUT_BACKUP -> "; --without-backup flashes anyway (if the download fails, only the drive's boot"
                    + " loader accepting a new download can recover it)";
            case YES -> " (use --yes in scripts)";
            case CHIP_NAMED, CHIP_DB -> " with --chip NAME or added with --chip-db FILE";
            case SIZE_GIVEN -> " (give --size, or name the chip)";
            case OWN_BACKUP -> "; leave out --backup and odflash takes a fresh one";
            case OTHER_OUTPUT -> " (choose another -o)";
            case ADOPT_JOURNAL -> arguments.size() < 2 ? " `" + SuggestedCommand.of("journal", "list") + "` lists the journals."
                    : " If it is the same unit: `" + SuggestedCommand.of("journal", "adopt").option("--device", arguments.get(0))
                    .option("--key", arguments.get(1)).carrying() + "`, then flash again; if it is another unit: `"
                    + SuggestedCommand.of("journal", "discard").arg(arguments.get(1)) + "`.";
            case EXTRACT_UPDATER -> ": run `" + SuggestedCommand.of("extract").arg(arguments.isEmpty() ? "FILE"
                    : arguments.getFirst()) + "`";
            case KEY_GIVEN, DRY_RUN -> " (" + flag(override.get()) + ")";
            case REGIONS_ONLY -> "; give --regions-only to back up only those regions and flash on them"
                    + " (a flash that keeps them; never a restore)";
            case ALLOW_BATTERY -> "; plug in the power supply, or --allow-battery flashes anyway";
            case MT19XX_VARIANT -> " (--mt19xx-variant)";
            case ALLOW_UNPROTECT -> "; --allow-unprotect clears the protection first (a lock only hardware can lift"
                    + " still refuses)";
            case MODEL_NAMED -> "; name the drive with --model NAME (a drive-table row)";
            case FAMILY_NAMED -> "; name the family with --family mtk8051 (a drive that does not answer ATAPI)";
            case IDENTITY_CONFIRMED -> "; confirm it at the prompt, or with --confirm-identity KEY (the backup's identity"
                    + " key as shown) in a --yes run";
        };
    }

    /** A next step as the command to paste, in backticks: the current run's drive where the command takes one. */
    static String step(NextStep s) {
        return stepCommand(s).map(c -> "`" + c + "`").orElse("the same command again");
    }

    /** The command a next step is, where the run has one (a rerun needs the parsed command line). */
    static Optional<SuggestedCommand> stepCommand(NextStep s) {
        return Optional.ofNullable(switch (s) {
            case STATUS -> SuggestedCommand.of("status").sameDevice();
            case JOURNAL_LIST -> SuggestedCommand.of("journal", "list");
            case RERUN -> SuggestedCommand.rerun().orElse(null);
            case INFO -> SuggestedCommand.of("info").sameDevice();
            case DOCTOR -> SuggestedCommand.of("doctor").sameDevice();
            case CHIPS -> SuggestedCommand.of("chips");
            case CONVERT -> SuggestedCommand.of("convert").arg("FILE");
        });
    }

    /**
     * The whole command that passes a refused gate: the refused run's own command line with the override
     * added (or, for a refused --backup, left out). Empty where the override needs a value only the user
     * has (a chip's name, a size, another output) or is another command (which the override text names).
     */
    static Optional<SuggestedCommand> retry(Failure.Refusal r) {
        if (r.override().isEmpty()) {
            return Optional.empty();
        }
        Choice c = r.override().get();
        Optional<SuggestedCommand> again = SuggestedCommand.rerun();
        if (c == Choice.OWN_BACKUP) {
            return again.filter(a -> a.has("--backup")).map(a -> a.without("--backup"));
        }
        if (!FLAG_OVERRIDES.contains(c)) {
            return Optional.empty();
        }
        return again.filter(a -> a.takes(flag(c))).map(a -> a.withFlag(flag(c)));
    }

    /** One gate's verdict as the gate lists show it (identify --device). */
    static String gateMessage(ImageFit.Gate g) {
        return words(g.message()) + (g.passed() ? "" : overrideText(g.override(), g.arguments()));
    }

    /** The message a user reads. */
    static String message(Failure f) {
        return switch (f) {
            case Failure.Refusal r -> (r.gate().flashGate() ? "gate " + r.gate().word() + ": " : "") + words(r.reason())
                    + overrideText(r.override(), r.arguments())
                    + retry(r).map(c -> ". The command that passes this gate: `" + c + "`").orElse("");
            case Failure.Interrupted i -> "interrupted: " + words(i.reason());
            default -> words(f.reason());
        };
    }

    /** The exit code of the contract (docs/architecture.md "Contracts"). */
    static ExitCode exitCode(Failure f) {
        return switch (f) {
            case Failure.Refusal r -> ExitCode.REFUSED;
            case Failure.Mismatch m -> ExitCode.MISMATCH;
            // a drive held by another odflash or program is a refusal (exit 4), every other device failure exit 3
            case Failure.DeviceFailure d -> d.kind().filter(k -> k == TransportException.Kind.BUSY).isPresent()
                    ? ExitCode.REFUSED : ExitCode.DEVICE;
            case Failure.UsageProblem u -> ExitCode.USAGE;
            case Failure.InputProblem i -> i.problem() == InputFileException.Reason.TOO_LARGE
                    ? ExitCode.REFUSED : ExitCode.USAGE;
            case Failure.Interrupted i -> ExitCode.INTERRUPTED;
            case Failure.Bug b -> ExitCode.INTERNAL;
        };
    }

    /** The structured fields of a JSON error, beside exitCode, kind and message. */
    static void fields(Failure f, ObjectNode error) {
        if (!f.nextSteps().isEmpty()) {
            ArrayNode next = error.putArray("nextSteps");
            f.nextSteps().forEach(s -> next.addObject().put("step", s.word())
                    .put("command", stepCommand(s).map(SuggestedCommand::toString).orElse(null)));
        }
        switch (f) {
            case Failure.Refusal r -> {
                ObjectNode o = error.putObject("refusal").put("gate", r.gate().word()).put("reason", words(r.reason()));
                o.put("override", r.override().map(OutcomeText::overrideWord).orElse(null));
                o.put("retry", retry(r).map(SuggestedCommand::toString).orElse(null));
            }
            case Failure.Mismatch m -> {
                if (m.byteLevel()) {
                    ObjectNode o = error.putObject("mismatch").put("firstOffset", m.firstOffset()).put("count", m.count());
                    ArrayNode ranges = o.putArray("ranges");
                    m.ranges().forEach(r -> ranges.addObject().put("offset", r.offset()).put("length", r.length()));
                } else {
                    error.putObject("mismatch").putNull("firstOffset").put("count", 0).putArray("ranges");
                }
            }
            case Failure.DeviceFailure d -> {
                ObjectNode o = error.putObject("device");
                o.put("kind", d.kind().map(k -> k.name().toLowerCase(Locale.ROOT).replace('_', '-')).orElse(null));
                if (d.errno().isPresent()) {
                    o.put("errno", d.errno().getAsInt());
                } else {
                    o.putNull("errno");
                }
                o.put("command", d.command().orElse(null));
            }
            default -> {
            }
        }
    }

    /** The override as JSON names it: the flag without its dashes ("allow-older"), or the command ("journal adopt"). */
    private static String overrideWord(Choice c) {
        String flag = flag(c);
        return flag.startsWith("--") ? flag.substring(2) : flag;
    }
}
