package dev.odflash.emulator.mtk8051;

/** How the emulated drive came up, or that it lost power during this run. */
enum PowerState {
    /** Main firmware running. */
    RUNNING,
    /** Boot loader only (revision "BOOT"): the main image failed its checks, the boot region is intact. */
    BOOT,
    /** Boot region damaged: the drive answers nothing. */
    DEAD,
    /** Power was lost during this run (a seeded fault): nothing answers until the next open. */
    POWERED_OFF
}
