package dev.odflash.nativeio;

import dev.odflash.nativeio.flashrom.FlashromDevice;
import dev.odflash.nativeio.flashrom.FlashromLibrary;
import dev.odflash.transport.Device;
import dev.odflash.transport.TransportException;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The facade for {@code flashrom:} devices (libflashrom through FFM, loaded on first use): opening one, and
 * whether the library is there (doctor, and the message a user gets without it).
 */
public final class ExternalProgrammers {
    public static final String PREFIX = "flashrom:";

    private ExternalProgrammers() {
    }

    public static boolean isSpec(String spec) {
        return spec.startsWith(PREFIX);
    }

    /**
     * Opens the programmer (one per process).
     *
     * @throws IllegalArgumentException a malformed spec (a usage error)
     */
    public static Device open(String spec) throws TransportException {
        return FlashromDevice.open(spec);
    }

    /** Empty when libflashrom loads; else why not, naming the package to install. */
    public static Optional<String> libraryProblem() {
        return FlashromLibrary.get().isPresent() ? Optional.empty() : Optional.of(FlashromLibrary.unavailableReason());
    }

    /** The Debian package that ships libflashrom. */
    public static String libraryPackage() {
        return FlashromLibrary.PACKAGE;
    }

    /** Routes the library's log lines at {@code level} (0 error … 5 spew) or more severe, for counting what it did. */
    public static void observe(Device device, int level, Consumer<String> lines) {
        if (dev.odflash.transport.ForwardingDevice.innermost(device) instanceof FlashromDevice d) {
            d.observe(level, lines);
        }
    }
}
