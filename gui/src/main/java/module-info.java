/**
 * The desktop GUI: Swing views (dev.odflash.gui.view) over view-models that know no Swing
 * (dev.odflash.gui.model), both on the engine's typed outcomes and progress events. Only the launch API
 * (dev.odflash.gui: the host port the composition root implements, and the entry point) is exported; the
 * CLI's {@code gui} command is that composition root, so this module never sees a command line.
 */
module dev.odflash.gui {
    requires dev.odflash.core;
    requires java.desktop;
    requires com.formdev.flatlaf;

    exports dev.odflash.gui to dev.odflash.cli;
}
