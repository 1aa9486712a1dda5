package dev.odflash.image;

/**
 * What a firmware image says it is: the INQUIRY strings its template carries (docs/protocols.md §4.1)
 * and where the template was found.
 */
public record ImageIdentity(String vendor, String product, String revision, String date, long templateOffset) {
}
