package dev.odflash.transport;

import java.util.List;
import java.util.Optional;

/**
 * A programmer clipped onto a flash chip (libflashrom's programmers, docs/architecture.md "Drive families",
 * {@code external}): there is no drive to identify, so the chip is probed by the programmer, and its write
 * protection is read and cleared here. The chip's bytes go through the device's {@link ChipChannel}.
 */
public interface ExternalProgrammer {
    /** The programmer's name as libflashrom knows it ("ch341a_spi", "dummy"). */
    String programmer();

    /**
     * Probes the chip: by libflashrom's name for it when one is given, else every definition; several matching
     * definitions fail with {@link Ambiguous} (as flashrom's CLI refuses them).
     */
    Probed probe(Optional<String> flashromName) throws TransportException;

    /** The chip's write-protection state as libflashrom reads it. */
    Protection protection() throws TransportException;

    /** Clears the chip's write protection (only on the user's explicit flag). */
    void unprotect() throws TransportException;

    /**
     * The erase blocks the library erased so far in this session, by its own account (its debug log): it decides
     * the erases inside each region itself, so this is what the chip really went through, not the plan's count.
     */
    Erased erased();

    /** Erase blocks and their bytes. */
    record Erased(int blocks, long bytes) {
    }

    /** What answered: libflashrom's name for the part and its size in bytes. */
    record Probed(String name, long size) {
    }

    /**
     * The write-protection state: {@code known} false when the library cannot read it for this chip (then
     * nothing is claimed); {@code mode} is libflashrom's word for the status register's lock (disabled, hardware,
     * power_cycle, permanent); a zero {@code length} protects nothing. A range protects whatever the mode: with
     * mode disabled the block-protect bits still lock it, only the register itself is writable (and libflashrom
     * 1.3 would clear them silently before a write), so it counts as protection all the same.
     */
    record Protection(boolean known, String mode, long start, long length, String note) {
        public boolean active() {
            return known && length > 0;
        }

        public boolean overlaps(long offset, long len) {
            return active() && offset < start + length && start < offset + len;
        }
    }

    /** Several chip definitions answered the probe; the user names one. */
    final class Ambiguous extends TransportException {
        private final List<String> candidates;

        public Ambiguous(List<String> candidates) {
            super(Kind.NO_DEVICE, "several chip definitions match: " + String.join(", ", candidates));
            this.candidates = List.copyOf(candidates);
        }

        public List<String> candidates() {
            return candidates;
        }
    }
}
