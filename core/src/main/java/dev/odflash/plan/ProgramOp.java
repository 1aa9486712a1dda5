package dev.odflash.plan;

/**
 * One chip-channel program call: at most {@code ChipSpec.maxProgramLength()} bytes, never crossing a
 * boundary aligned to that length. {@code data} is exactly what to send: on byte and bit parts a
 * byte that must not be programmed is 0xFF (the chip leaves the cell alone); on page parts it is one
 * whole aligned page. The array is the plan's own; callers must not modify it.
 */
public record ProgramOp(long offset, byte[] data) {
    public int length() {
        return data.length;
    }

    public long end() {
        return offset + data.length;
    }
}
