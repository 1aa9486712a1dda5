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

    public String command() {
        return command;
    }

    public ScsiResult result() {
        return result;
    }
}
