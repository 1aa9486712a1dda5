package dev.odflash.ops;

import java.util.Optional;

/**
 * One choice a run was given (a {@link Choice}, with its value where it takes one: a chip's name, a
 * size, a chip file, a variant). A journal records the ones its flash was given, so the command that
 * finishes it, suggested by any later run, can give them again (docs/architecture.md "Contracts", journal).
 */
public record Given(Choice choice, Optional<String> value) {
    public static Given flag(Choice choice) {
        return new Given(choice, Optional.empty());
    }

    public static Given of(Choice choice, String value) {
        return new Given(choice, Optional.of(value));
    }
}
