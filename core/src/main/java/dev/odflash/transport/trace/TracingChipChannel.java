package dev.odflash.transport.trace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.bytes.Sha256;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.ChipStatus;
import dev.odflash.transport.JedecId;
import dev.odflash.transport.TransportException;

import java.util.Arrays;

/** Records every chip-channel call as {"op", "addr", "len", "sha256"} (docs/architecture.md "Traces"). */
final class TracingChipChannel implements ChipChannel {
    private final ChipChannel inner;
    private final TraceWriter trace;

    private final java.util.function.Consumer<Boolean> registerLines;

    TracingChipChannel(ChipChannel inner, TraceWriter trace) {
        this(inner, trace, on -> { });
    }

    /** {@code registerLines} turns the register lines beneath on for the intro, the ID and the outro. */
    TracingChipChannel(ChipChannel inner, TraceWriter trace, java.util.function.Consumer<Boolean> registerLines) {
        this.inner = inner;
        this.trace = trace;
        this.registerLines = registerLines;
    }

    private <T> T withRegisters(Call<T> call) throws TransportException {
        registerLines.accept(true);
        try {
            return call.run();
        } finally {
            registerLines.accept(false);
        }
    }

    private interface Call<T> {
        T run() throws TransportException;
    }

    private <T> T record(ObjectNode line, Call<T> call) throws TransportException {
        try {
            T result = call.run();
            if (result instanceof ChipStatus s && !s.equals(ChipStatus.READY)) {
                line.put("status", s.toString());
            }
            trace.write(line);
            return result;
        } catch (TransportException e) {
            line.put("error", e.kind().name());
            trace.write(line);
            throw e;
        }
    }

    private static ObjectNode op(String op, long addr, int len) {
        return TraceWriter.line().put("op", op).put("addr", addr).put("len", len);
    }

    @Override
    public void enter() throws TransportException {
        record(op("enter", 0, 0), () -> withRegisters(() -> {
            inner.enter();
            return null;
        }));
    }

    @Override
    public void leave() throws TransportException {
        record(op("leave", 0, 0), () -> withRegisters(() -> {
            inner.leave();
            return null;
        }));
    }

    @Override
    public JedecId readId() throws TransportException {
        ObjectNode line = op("id", 0, 0);
        return record(line, () -> {
            JedecId id = withRegisters(inner::readId);
            line.put("manufacturerId", id.manufacturerHex()).put("deviceId", id.deviceHex());
            return id;
        });
    }

    @Override
    public void read(long address, byte[] destination, int offset, int length) throws TransportException {
        ObjectNode line = op("read", address, length);
        record(line, () -> {
            inner.read(address, destination, offset, length);
            line.put("sha256", Sha256.hex(Arrays.copyOfRange(destination, offset, offset + length)));
            return null;
        });
    }

    @Override
    public ChipStatus erase(long address, int blockSize) throws TransportException {
        return record(op("erase", address, blockSize), () -> inner.erase(address, blockSize));
    }

    @Override
    public ChipStatus program(long address, byte[] source, int offset, int length) throws TransportException {
        ObjectNode line = op("program", address, length)
                .put("sha256", Sha256.hex(Arrays.copyOfRange(source, offset, offset + length)));
        return record(line, () -> inner.program(address, source, offset, length));
    }

    @Override
    public ChipStatus status() throws TransportException {
        return record(op("status", 0, 0), inner::status);
    }

    @Override
    public int maxProgramLength() {
        return inner.maxProgramLength();
    }

    @Override
    public void name(dev.odflash.chip.ChipSpec chip) {
        inner.name(chip);
    }

    @Override
    public java.util.Optional<String> writeRefusal(dev.odflash.chip.ChipSpec chip) {
        return inner.writeRefusal(chip);
    }

    @Override
    public int maxReadLength() {
        return inner.maxReadLength();
    }

    @Override
    public java.util.List<dev.odflash.chip.EraseBlock> writeProtected() throws TransportException {
        return inner.writeProtected();
    }

    @Override
    public void unprotect() throws TransportException {
        record(op("unprotect", 0, 0), () -> {
            inner.unprotect();
            return ChipStatus.READY;
        });
    }
}
