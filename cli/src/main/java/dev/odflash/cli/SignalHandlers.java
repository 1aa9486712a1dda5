package dev.odflash.cli;

import sun.misc.Signal;

/**
 * Routes SIGINT and SIGTERM to the running command's {@link Interrupts}. {@code sun.misc.Signal} (module
 * jdk.unsupported) is used rather than a shutdown hook: a hook runs only once the JVM has begun to exit,
 * so it cannot let a write reach its safe point and then report a typed outcome, and a second Ctrl-C
 * during shutdown is lost instead of answered (docs/architecture.md "Interruption").
 */
final class SignalHandlers {
    private SignalHandlers() {
    }

    /** Installs the handlers for this process (Main only: in-process tests never own the JVM's signals). */
    static void install() {
        for (String name : new String[]{"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), s -> Interrupts.active().ifPresentOrElse(i -> i.signal("SIG" + name),
                        () -> Runtime.getRuntime().halt(ExitCode.INTERRUPTED.code())));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // a platform without this signal (or one the JVM reserves): its default stays
            }
        }
    }
}
