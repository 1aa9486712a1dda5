package dev.odflash.family.mtk8051;

import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.WriteModel;
import dev.odflash.transport.TaskFile;

import java.util.Optional;

/**
 * Which parts a register-at-a-time path may write (docs/protocols.md §2.6.3). An autopage part (Winbond W29C0x0,
 * Atmel AT29C0x0) programs its page when no new byte arrives within its byte-load window (about 150-200 µs in those
 * data sheets); over a path whose gap between two accesses is unbounded ({@link TaskFile.Pacing#UNBOUNDED}, port
 * I/O through the OS) the window can close mid-page and the part programs half a page. Such parts are read there,
 * never written. Public so every task-file path (the emulated drive, the port path) applies the same rule.
 */
public final class RegisterPathWrites {
    private RegisterPathWrites() {
    }

    /** Why the part may not be written over a path with this pacing; empty when it may. */
    public static Optional<String> refusal(ChipSpec chip, TaskFile.Pacing pacing) {
        if (chip.writeModel() instanceof WriteModel.AutoPage page && pacing == TaskFile.Pacing.UNBOUNDED) {
            return Optional.of(chip.name() + " loads each " + page.size() + "-byte page within a byte-load window that a"
                    + " path writing one register at a time through the OS cannot guarantee; odflash reads it on this path"
                    + " but never writes it (use an external programmer)");
        }
        return Optional.empty();
    }
}
