package dev.odflash.emulator;

import dev.odflash.transport.BusModel;

/** Bus timing of the emulated link: {@link BusModel#ATAPI_PIO4}, shared with the planner. */
public final class AtapiBus {
    public static final BusModel MODEL = BusModel.ATAPI_PIO4;

    private AtapiBus() {
    }

    public static long transferNanos(long bytes) {
        return MODEL.transferNanos(bytes);
    }

    public static long commandNanos(long bytes) {
        return MODEL.commandNanos(bytes);
    }
}
