package dev.odflash.cli;

import dev.odflash.family.LibraryBackupIdentity;
import dev.odflash.ops.Choice;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;

import java.util.Optional;

/**
 * The user's confirmation that a clipped chip whose contents are unrecognisable is the drive a library backup came
 * from (issue 15 §1): nothing on the chip can say so, so the backup's identity is shown and must be confirmed, by
 * typing at a terminal, or by its key ({@code --confirm-identity KEY}) in a run that cannot ask (no terminal, or
 * {@code --yes}). Refusals come before the flash reads the chip further, so nothing is written.
 */
final class BackupIdentityCheck {
    private final Terminal terminal;
    private final Output output;

    BackupIdentityCheck(Terminal terminal, Output output) {
        this.terminal = terminal;
        this.output = output;
    }

    void confirm(LibraryBackupIdentity id, Optional<String> named, boolean yes, boolean dryRun) throws OdflashException {
        String shown = "the chip's contents are not recognised; " + id.file() + " is the library backup of " + id.words();
        if (named.isPresent()) {
            if (!id.confirmedBy(named.get())) {
                throw OdflashException.refused(Gate.CONFIRMATION, shown + ", not of " + named.get() + " as named;"
                        + " nothing was written", Choice.IDENTITY_CONFIRMED);
            }
            output.note(shown + ": confirmed by name");
            return;
        }
        if (dryRun) {
            output.note(shown + " (a flash asks to confirm it)");
            return;
        }
        if (yes || !terminal.interactive()) {
            throw OdflashException.refused(Gate.CONFIRMATION, shown + ": that this chip is that drive's is confirmed"
                    + (yes ? " by you, not by --yes" : " by you, and there is no terminal to ask on") + "; nothing was"
                    + " written", Choice.IDENTITY_CONFIRMED);
        }
        // TerminalConfirmation reads one line only: the flash's own question reads the next one from the same input
        TerminalConfirmation ask = new TerminalConfirmation(terminal, "Is the clipped chip this drive's?",
                "flash: no terminal to confirm the backup's identity on");
        if (!ask.confirm(shown + ".\nIts rules (boot region, per-unit data) then apply to the chip.")) {
            throw OdflashException.refused(Gate.CONFIRMATION, "the backup's identity was not confirmed: nothing was"
                    + " written", Choice.IDENTITY_CONFIRMED);
        }
    }
}
