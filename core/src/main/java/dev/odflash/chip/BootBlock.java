package dev.odflash.chip;

/** A region the chip can lock in hardware against erase and program (e.g. W29C040's 16 KiB boot blocks). */
public record BootBlock(long offset, int size) {
}
