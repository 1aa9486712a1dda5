package dev.odflash.gui;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How the GUI starts: interactively, or to render one screen to a PNG and exit.
 *
 * @param screenshot the PNG to write (never overwritten; empty: run interactively)
 * @param device     the drive to select first
 * @param screen     the screen to show first (or render): {@link Screen#word()}
 */
public record GuiStart(Optional<Path> screenshot, Optional<String> device, Screen screen, Appearance appearance) {
}
