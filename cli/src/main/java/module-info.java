/**
 * The command-line view and composition root. It exports nothing; picocli reads the command classes'
 * annotated fields and methods reflectively, so the package is open to it.
 */
module dev.odflash.cli {
    requires dev.odflash.core;
    requires dev.odflash.nativeio;
    requires dev.odflash.emulator;
    requires dev.odflash.gui; // `odflash gui`: the GUI gets its drives and library from this composition root
    requires info.picocli;
    requires jdk.unsupported; // sun.misc.Signal: SIGINT/SIGTERM handled, not a shutdown hook (SignalHandlers)
    requires com.fasterxml.jackson.databind;

    opens dev.odflash.cli to info.picocli;

    // the run log (RunLogFinder): on the module path services come from here, on the shaded jar's class
    // path from META-INF/services
    provides java.lang.System.LoggerFinder with dev.odflash.cli.RunLogFinder;
}
