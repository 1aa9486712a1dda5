package dev.odflash.gui;

import java.util.Optional;

/**
 * One drive the host found, before anything is sent to it.
 *
 * @param spec    how the host opens it again
 * @param label   vendor, product and revision as the operating system reports them (or the emulator's)
 * @param transport the path to it in plain words ("USB 152d:2339 (JMicron bridge)", "SATA", "emulated")
 * @param access  what stops the user from opening it, with the exact command that fixes it (empty: none)
 */
public record DriveEntry(String spec, String label, String transport, Optional<String> access) {
    public DriveEntry(String spec, String label, String transport) {
        this(spec, label, transport, Optional.empty());
    }
}
