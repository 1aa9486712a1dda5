package dev.odflash.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.emulator.gadget.GadgetHost;
import dev.odflash.emulator.gadget.GadgetSetup;
import picocli.CommandLine.Command;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** Stops the `emu attach` that serves the gadget, and removes the gadget whether or not its server still runs. */
@Command(name = "detach", header = "Stop `emu attach` and remove its USB gadget (Linux, root).",
        mixinStandardHelpOptions = true,
        description = {"Stop the `odflash emu attach` serving the USB gadget and remove the gadget (also one a killed"
                + " run left behind).", "Exit codes: 0 detached or nothing attached; 3 the gadget could not be removed;"
                + " 4 not Linux or not root."})
final class EmuDetachCommand extends BaseCommand {
    EmuDetachCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected boolean suggestsReport() {
        return false;
    }

    @Override
    protected ExitCode execute() throws Exception {
        GadgetHost host = GadgetHostText.host(ctx.env());
        Output out = ctx.output();
        Optional<GadgetHost.Refusal> refused = host.hostRefusal();
        if (refused.isPresent()) {
            ExitCode code = GadgetHostText.exitCode(refused.get());
            out.error(code, GadgetHostText.words(refused.get(), "emu detach"));
            return code;
        }
        GadgetSetup setup = new GadgetSetup(host);
        ObjectNode json = Output.object();
        if (!setup.exists()) {
            json.put("detached", false);
            out.result(json, "nothing attached (no gadget " + GadgetHost.NAME + ")\n");
            return ExitCode.OK;
        }
        OptionalLong pid = setup.readPid();
        Optional<ProcessHandle> server = pid.isPresent() ? ProcessHandle.of(pid.getAsLong()) : Optional.empty();
        if (server.isPresent() && server.get().isAlive()) {
            server.get().destroy(); // SIGTERM: the server removes its gadget before it exits
            try {
                server.get().onExit().get(15, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                out.warn("odflash PID " + pid.getAsLong() + " did not stop within 15 s; removing its gadget anyway");
            }
        }
        if (setup.exists()) {
            try {
                setup.remove();
            } catch (java.io.IOException e) {
                out.error(ExitCode.DEVICE, "emu detach: the gadget could not be removed: " + e.getMessage());
                return ExitCode.DEVICE;
            }
        }
        json.put("detached", true);
        out.result(json, "detached the gadget " + GadgetHost.NAME + "\n");
        return ExitCode.OK;
    }
}
