/**
 * The emulated drives. {@code dev.odflash.emulator} (specs, profiles, the drive factory) is the API; the
 * few internals the CLI's composition root and its emulator commands use are exported to the CLI only, and
 * the personalities' internals (the mtk8051 drive) not at all.
 */
module dev.odflash.emulator {
    requires transitive dev.odflash.core;

    exports dev.odflash.emulator;
    exports dev.odflash.emulator.chip to dev.odflash.cli;
    exports dev.odflash.emulator.download to dev.odflash.cli;
    exports dev.odflash.emulator.firmware to dev.odflash.cli;
    exports dev.odflash.emulator.replay to dev.odflash.cli;
    exports dev.odflash.emulator.gadget to dev.odflash.cli;
}
