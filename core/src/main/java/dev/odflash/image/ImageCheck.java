package dev.odflash.image;

/** One structural check of an image: its name, whether it passed and what was seen. */
public record ImageCheck(String name, boolean passed, String detail) {
    public static ImageCheck pass(String name, String detail) {
        return new ImageCheck(name, true, detail);
    }

    public static ImageCheck fail(String name, String detail) {
        return new ImageCheck(name, false, detail);
    }
}
