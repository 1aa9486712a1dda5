package dev.odflash.emulator.mtk8051;

/** How the emulated drive came up (a power loss during the run is the shared core's: CommandFaults). */
enum PowerState {
    /** Main firmware running. */
    RUNNING,
    /** Boot loader only (revision "BOOT"): the main image failed its checks, the boot region is intact. */
    BOOT,
    /** Boot region damaged: the drive answers nothing. */
    DEAD
}
