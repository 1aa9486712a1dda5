package dev.odflash.image;

/** A file that cannot be turned into image bytes (a malformed Intel-HEX file, for one); the message says where. */
public final class ImageFormatException extends Exception {
    public ImageFormatException(String message) {
        super(message);
    }
}
