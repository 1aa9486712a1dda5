package dev.odflash.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * The streams a run uses, injectable so tests run the CLI in-process: stdout carries results only;
 * progress, warnings and errors go to stderr. {@code interactive} says whether a person is at a
 * terminal (progress bar instead of plain lines; confirmations possible).
 */
public record Terminal(PrintStream out, PrintStream err, InputStream in, boolean interactive) {
}
