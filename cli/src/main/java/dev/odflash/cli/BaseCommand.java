package dev.odflash.cli;

import dev.odflash.ops.OdflashException;
import dev.odflash.transport.TransportException;

import java.io.StringWriter;
import java.util.concurrent.Callable;

/**
 * Every command's frame: runs the body and turns failures into a message and the contract's exit
 * code. No stack trace reaches a user unless --debug.
 */
abstract class BaseCommand implements Callable<Integer> {
    protected final AppContext ctx;

    BaseCommand(AppContext ctx) {
        this.ctx = ctx;
    }

    /** The command's work; returns the exit code. */
    protected abstract ExitCode execute() throws Exception;

    @Override
    public final Integer call() {
        Output out = ctx.output();
        try {
            return execute().code();
        } catch (OdflashException e) {
            debug(e);
            return out.error(e.failure());
        } catch (TransportException e) {
            debug(e);
            return out.error(dev.odflash.ops.Failure.DeviceFailure.of(e.getMessage(), e, null));
        } catch (java.io.IOException e) {
            debug(e);
            return out.error(ExitCode.USAGE, e.getMessage());
        } catch (Exception | Error e) {
            debug(e);
            return out.error(ExitCode.INTERNAL, "internal error: " + e
                    + (ctx.options().debug ? "" : " (run again with --debug for details, and please report it)"));
        }
    }

    private void debug(Throwable t) {
        if (ctx.options().debug) {
            StringWriter w = new StringWriter();
            t.printStackTrace(new java.io.PrintWriter(w));
            ctx.terminal().err().print(w);
        }
    }
}
