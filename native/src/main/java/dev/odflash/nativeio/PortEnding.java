package dev.odflash.nativeio;

import java.util.List;
import java.util.Optional;

/**
 * How a port session ended for its channel: what was checked, in order, and whether the drive answers INQUIRY
 * through SG_IO again after the rebind (when it does not, the user is told to power-cycle it).
 */
public record PortEnding(List<String> verified, boolean answersAgain, Optional<String> problem) {
    public PortEnding {
        verified = List.copyOf(verified);
    }
}
