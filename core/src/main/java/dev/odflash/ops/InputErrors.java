package dev.odflash.ops;

import dev.odflash.input.InputFileException;

/** An input file that was not read, as a {@link Failure.InputProblem} (a view gives it its exit code). */
public final class InputErrors {
    private InputErrors() {
    }

    public static OdflashException of(InputFileException e) {
        return new OdflashException(new Failure.InputProblem(e.getMessage(), e.reason()), e);
    }
}
