package dev.odflash.chip;

/** How the flash chip is wired: a parallel (JEDEC command set) part or an SPI serial part. */
public enum Bus {
    PARALLEL, SPI;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
