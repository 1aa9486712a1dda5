package dev.odflash.emulator.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odflash.emulator.chip.VirtualClock;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.Device;
import dev.odflash.transport.ScsiTransport;

import java.io.IOException;
import dev.odflash.input.BoundedInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code replay:FILE}: plays a recorded trace back as a drive. Each command must equal the next SCSI
 * command of the trace (CDB, direction, length, and the hash of the data written); the recorded status,
 * sense and data are returned; the first divergence fails. Chip-channel calls are recorded with hashes
 * only, so a replay offers no chip channel. Waits run on a virtual clock advanced by the recorded times.
 */
public final class ReplayDevice implements Device {
    public static final String PREFIX = "replay:";
    private final String spec;
    private final ReplayTransport transport;
    private final List<String> warnings;

    private ReplayDevice(String spec, List<TraceEntry> entries, TraceHeader header, List<String> warnings) {
        this.spec = spec;
        this.transport = new ReplayTransport(entries, new VirtualClock(), header);
        this.warnings = List.copyOf(warnings);
    }

    /** A trace is read line by line, at most this much in all and per line (a line holds one command's data). */
    public static final long MAX_TRACE = 512L << 20;
    public static final int MAX_LINE = 64 << 20;

    /**
     * Opens a trace; a malformed file (a bad line, field or value, with its line number) is an
     * IllegalArgumentException (usage); a file that is missing, not a regular file or too large is an
     * {@link dev.odflash.input.InputFileException}.
     */
    public static ReplayDevice open(String spec) throws IOException {
        Path file = Path.of(spec.substring(PREFIX.length()));
        List<TraceEntry> entries = new ArrayList<>();
        List<TraceHeader> headers = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        BoundedInput.lines(file, MAX_TRACE, MAX_LINE, "replay: trace", (lineNo, line) -> {
            if (line.isBlank()) {
                return;
            }
            JsonNode n;
            try {
                n = json.readTree(line);
            } catch (IOException e) {
                throw new IllegalArgumentException("replay: " + file + " line " + lineNo + " is not JSON");
            }
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("replay: " + file + " line " + lineNo + " is not a JSON object");
            }
            if (n.has("header")) {
                try {
                    TraceHeader.parse(lineNo, n).ifPresent(h -> {
                        // the first header is the recorded drive's; a later one starts another drive's commands
                        if (headers.isEmpty() && !entries.isEmpty()) {
                            throw new IllegalArgumentException("line " + lineNo + ": the header line comes after"
                                    + " commands; a trace starts with its header");
                        }
                        headers.add(h);
                    });
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("replay: " + file + " " + e.getMessage(), e);
                }
            } else if (n.has("cdb")) {
                try {
                    entries.add(TraceEntry.parse(lineNo, n));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("replay: " + file + " " + e.getMessage(), e);
                }
            }
        });
        List<String> warnings = new ArrayList<>();
        if (headers.isEmpty()) {
            warnings.add("replay: " + file + " has no header line (written before traces had one): replaying with"
                    + " a " + TraceHeader.ASSUMED.maxTransfer() + "-byte transfer limit and no buffer alignment");
        }
        return new ReplayDevice(spec, entries, headers.isEmpty() ? TraceHeader.ASSUMED : headers.getFirst(), warnings);
    }

    /** What a user should be warned of about the trace (one without a header line). */
    public List<String> warnings() {
        return warnings;
    }

    /** Commands of the trace not yet played (a complete replay leaves none). */
    public int remaining() {
        return transport.remaining();
    }

    @Override
    public String spec() {
        return spec;
    }

    @Override
    public ScsiTransport scsi() {
        return transport;
    }

    @Override
    public Optional<ChipChannel> chipChannel() {
        return Optional.empty();
    }

    @Override
    public String pathKey() {
        return spec;
    }

    @Override
    public boolean emulated() {
        return false;
    }

    @Override
    public List<String> notes() {
        return List.of("replayed from a trace: answers are the recorded ones; chip-channel calls cannot be replayed");
    }

    @Override
    public void close() {
    }
}
