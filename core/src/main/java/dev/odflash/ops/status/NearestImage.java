package dev.odflash.ops.status;

import dev.odflash.ops.flash.Comparison;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The reference image closest to what a drive holds (fewest differing bytes outside the unit regions),
 * with where they differ: what `status` shows for a drive that matches nothing.
 *
 * @param kind "backup", "known image" or "flashed image"
 * @param file the file it is in, when it is one (a known image may be built in)
 */
public record NearestImage(String kind, String name, Optional<Path> file, Comparison comparison) {
}
