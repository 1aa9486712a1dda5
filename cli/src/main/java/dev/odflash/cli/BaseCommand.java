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
    private static final System.Logger LOG = System.getLogger("dev.odflash.cli");
    protected final AppContext ctx;

    BaseCommand(AppContext ctx) {
        this.ctx = ctx;
    }

    /** The command's work; returns the exit code. */
    protected abstract ExitCode execute() throws Exception;

    @Override
    public final Integer call() {
        return ctx.endPortSessions(run()); // issue 14 §3: a port session's ending can turn any result into exit 3
    }

    private int run() {
        Output out = ctx.output();
        try {
            ExitCode code = execute();
            LOG.log(System.Logger.Level.INFO, () -> "exit " + code.code() + " (" + code.kind() + ")");
            if (code == ExitCode.DEVICE) {
                reportHint(); // doctor's failed check on a real drive
            }
            return code.code();
        } catch (OdflashException e) {
            debug(e);
            int code = failed(out, e.failure(), e);
            if (e.failure() instanceof dev.odflash.ops.Failure.DeviceFailure) {
                reportHint();
            }
            return code;
        } catch (TransportException e) {
            debug(e);
            int code = failed(out, dev.odflash.ops.Failure.DeviceFailure.of(e.getMessage(), e, null), e);
            reportHint();
            return code;
        } catch (Interrupts.RunInterrupted e) {
            return failed(out, ExitCode.INTERRUPTED, e.getMessage(), e);
        } catch (java.io.IOException e) {
            debug(e);
            return failed(out, ExitCode.USAGE, e.getMessage(), e);
        } catch (Exception | Error e) {
            debug(e);
            return failed(out, ExitCode.INTERNAL, "internal error: " + e
                    + (ctx.options().debug ? "" : " (run again with --debug for details, and please report it)"), e);
        }
    }

    /**
     * Whether an error of this command about a real drive ends with the report hint; `report` itself does not
     * suggest running itself.
     */
    protected boolean suggestsReport() {
        return true;
    }

    /** Ends an error about a real drive with the line that asks for its report (README "Reporting a problem"). */
    private void reportHint() {
        if (suggestsReport()) {
            ctx.realDrive().ifPresent(spec -> ctx.terminal().err().println(TerminalText.visible(ReportHint.line(spec))));
        }
    }

    private static int failed(Output out, dev.odflash.ops.Failure failure, Throwable cause) {
        ExitCode code = OutcomeText.exitCode(failure);
        log(code, OutcomeText.message(failure), cause);
        return out.error(failure);
    }

    private static void log(ExitCode code, String message, Throwable cause) {
        LOG.log(code == ExitCode.INTERNAL ? System.Logger.Level.ERROR : System.Logger.Level.INFO,
                "exit " + code.code() + " (" + code.kind() + "): " + message, code == ExitCode.INTERNAL ? cause : null);
    }

    private static int failed(Output out, ExitCode code, String message, Throwable cause) {
        log(code, message, cause);
        return out.error(code, message);
    }

    private void debug(Throwable t) {
        if (ctx.options().debug) {
            StringWriter w = new StringWriter();
            t.printStackTrace(new java.io.PrintWriter(w));
            ctx.terminal().err().print(w);
        }
    }
}
