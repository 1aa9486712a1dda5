package dev.odflash.ops;

/** The flash size odflash will use and how it was determined (safety rule 1). */
public record FlashSize(long bytes, String source) {
    public static final String FROM_TABLE = "chip table";
    public static final String FROM_PROGRAMMER = "the programmer's probe";
    public static final String FROM_OPTION = Choice.SIZE_GIVEN.mention();
    public static final String FROM_WRAP = "address wrap-around";
    public static final String FROM_LAYOUT = "image layout";
    public static final String FROM_FAMILY_MAX = "family maximum (guess)";
}
