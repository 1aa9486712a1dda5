package dev.odflash.protocol;

import dev.odflash.transport.ScsiResult;

/** A command the drive answered with CHECK CONDITION (or another non-GOOD status) where data was needed. */
public class ScsiCommandException extends Exception {
    private final String command;
    private final transient ScsiResult result;

    public ScsiCommandException(String command, ScsiResult result) {
        super(command + " failed: " + result.describe());
        this.command = command;
        this.result = result;
    }

    /** The drive answered GOOD but with data the command's format does not allow. */
    public ScsiCommandException(String command, String problem) {
        super(command + " " + problem);
        this.command = command;
        this.result = null;
    }

    public String command() {
        return command;
    }

    /** The failing result; empty when the command succeeded with malformed data. */
    public java.util.Optional<ScsiResult> result() {
        return java.util.Optional.ofNullable(result);
    }
}
