package dev.odflash.nativeio.flashrom;

import dev.odflash.transport.TransportException;

import java.util.List;

/**
 * A libflashrom call that failed, with the warning and error lines the library logged before it, kept apart
 * from odflash's own words: libflashrom's lines are its view at the moment it gave up ("Your flash chip is in an
 * unknown state..."), which odflash's re-read of the regions then settles (FlashromChipChannel), so they are
 * relayed labelled as the library's and placed before odflash's verdict, never as the conclusion.
 */
final class LibraryFailure extends TransportException {
    private final String what;
    private final List<String> said;

    LibraryFailure(Kind kind, String what, List<String> said) {
        super(kind, what + relayed(said));
        this.what = what;
        this.said = List.copyOf(said);
    }

    /** odflash's own words for what failed, without the library's lines. */
    String what() {
        return what;
    }

    /** The library's lines, labelled as its own ("" when it logged none). */
    String relayed() {
        return relayed(said);
    }

    private static String relayed(List<String> said) {
        return said.isEmpty() ? "" : " (libflashrom says: " + String.join(" | ", said) + ")";
    }
}
