package dev.odflash.ops;

import dev.odflash.input.InputFileException;

/** An input file that was not read, as the exit code the contract gives it: too large is refused (4), the rest usage (2). */
public final class InputErrors {
    private InputErrors() {
    }

    public static OdflashException of(InputFileException e) {
        return new OdflashException(e.reason() == InputFileException.Reason.TOO_LARGE ? ExitCode.REFUSED : ExitCode.USAGE,
                e.getMessage());
    }
}
