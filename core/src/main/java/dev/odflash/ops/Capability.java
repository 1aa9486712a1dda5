package dev.odflash.ops;

/** Whether an operation is possible on a drive, and how, or why not. */
public record Capability(String operation, boolean available, String how) {
}
