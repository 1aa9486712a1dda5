package dev.odflash.nativeio.port;

import dev.odflash.nativeio.IdeChannel;
import dev.odflash.nativeio.PortSpace;
import dev.odflash.nativeio.IdeChannelScan;
import dev.odflash.nativeio.IdeDrive;
import dev.odflash.nativeio.PortAccess;
import dev.odflash.nativeio.PortAccessCheck;
import dev.odflash.nativeio.PortEnding;
import dev.odflash.nativeio.PortForm;
import dev.odflash.transport.TaskFile.Register;
import dev.odflash.transport.TransportException;
import dev.odflash.transport.TransportException.Kind;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes one IDE channel from the kernel for a port run and gives it back. {@link #begin()} touches a port only
 * after proving the kernel no longer drives the channel: port access possible, every device on every channel of
 * the function unused ({@link ChannelHolders}), the function unbound, and sysfs showing no driver bound. It then
 * sets nIEN (no interrupt from the drive while no handler is there). {@link #end()} sends DEVICE RESET (0x08, ATA
 * "DEVICE RESET", ATA/ATAPI-6 §8.10), reads the signature it leaves in LBA mid/high (0x14/0xEB for a packet
 * device, §9.12), clears nIEN, rebinds the function to the driver it had, finds the drive again by the function's
 * sysfs path (the ataN numbers change on rebind) and sends it INQUIRY. What was verified is recorded line by line.
 */
public final class PortSession {
    /** ATA Status bits (ATA/ATAPI-6 §7.15). */
    static final int BSY = 0x80;
    static final int DEVICE_RESET = 0x08;
    static final int MASTER = 0xA0;
    static final Duration RESET_WAIT = Duration.ofSeconds(2);
    static final Duration REAPPEAR_WAIT = Duration.ofSeconds(30);
    static final Duration STEP = Duration.ofMillis(100);

    private final PortForm.Resolved target;
    private final PortEnvironment env;
    private final List<String> verified = new ArrayList<>();
    private Optional<String> driver = Optional.empty();
    private boolean unbound;
    private PortSpace ports;
    private PortTaskFile taskFile;
    private TransportException refusal;

    public PortSession(PortForm.Resolved target, PortEnvironment env) {
        this.target = target;
        this.env = env;
    }

    private Path functionDir() {
        return env.sys().resolve("bus/pci/devices").resolve(target.channel().function());
    }

    /** Proves the channel is free, unbinds its function and opens the ports; the drive's registers come back. */
    public PortTaskFile begin() throws TransportException {
        if (taskFile != null) {
            return taskFile;
        }
        if (refusal != null) {
            throw refusal; // a refused session stays refused: no second attempt inside one run
        }
        try {
            return open();
        } catch (TransportException e) {
            refusal = e;
            throw e;
        }
    }

    private PortTaskFile open() throws TransportException {
        String fn = target.channel().function();
        PortAccess access = PortAccessCheck.of(env.proc(), env.sys(), env.devPort());
        if (!access.ready()) {
            throw new TransportException(Kind.PERMISSION, "no port access, nothing was touched: " + access.why());
        }
        List<IdeChannel> channels = IdeChannelScan.channelsOf(env.sys(), fn);
        if (channels.stream().noneMatch(c -> c.index() == target.channel().index()
                && c.commandBase() == target.channel().commandBase())) {
            throw new TransportException(Kind.NO_DEVICE, target.channel().describe() + " is no longer in sysfs;"
                    + " nothing was touched");
        }
        List<String> reasons = ChannelHolders.reasons(channels, env.sys(), env.proc());
        if (!reasons.isEmpty()) {
            throw new TransportException(Kind.BUSY, "refused to unbind " + fn + " from its driver, nothing was touched:"
                    + " every device on every channel of the function must be unused, and " + String.join("; ", reasons));
        }
        verified.add("every device on " + fn + " was unused (no mount, swap, md/dm holder or open file)");
        driver = IdeChannelScan.driver(functionDir());
        if (driver.isPresent()) {
            try {
                env.binder().unbind(fn);
            } catch (IOException e) {
                throw new TransportException(Kind.OS_ERROR, "cannot unbind " + fn + " from " + driver.get() + " ("
                        + e.getMessage() + "); nothing was touched", 0, e);
            }
            unbound = true;
        }
        Optional<String> still = IdeChannelScan.driver(functionDir());
        if (still.isPresent()) {
            unbound = false; // the kernel kept it: nothing to give back
            throw new TransportException(Kind.OS_ERROR, fn + " is still bound to " + still.get() + " after the unbind;"
                    + " no port was touched");
        }
        verified.add(driver.map(d -> fn + " unbound from " + d).orElse(fn + " had no driver bound")
                + "; sysfs shows no driver bound");
        ports = env.opener().open(target.channel());
        taskFile = new PortTaskFile(ports, target.channel(), target.position(), env.clock());
        taskFile.deviceControl(PortTaskFile.NIEN);
        taskFile.write(Register.DEVICE, MASTER);
        verified.add(String.format("nIEN set; %s selected, Status 0x%02X", target.positionName(), taskFile.status()));
        return taskFile;
    }

    /** Why the session was refused, when it was. */
    public Optional<TransportException> refusal() {
        return Optional.ofNullable(refusal);
    }

    public boolean begun() {
        return taskFile != null;
    }

    /** True once the session changed anything (unbound the function or opened the ports): the end must undo it. */
    public boolean touched() {
        return unbound || taskFile != null;
    }

    /** The Status and Error the drive shows now (read before the reset). */
    private void lastAnswer() throws TransportException {
        verified.add("Command register writes: " + String.join(", ", taskFile.opcodes().stream()
                .map(o -> String.format("0x%02X", o)).toList()));
        verified.addAll(taskFile.refusals());
        int status = taskFile.status();
        int error = taskFile.error();
        verified.add(String.format("after %d command(s): Status 0x%02X, Error 0x%02X%s", taskFile.commands(), status,
                error, (status & 0x01) != 0 && (error & 0x04) != 0 ? " (ABRT: the drive aborted the command)" : ""));
    }

    /** Resets the drive, gives the channel back to the kernel and checks the drive answers; never throws. */
    public PortEnding end() {
        Optional<String> problem = Optional.empty();
        if (!touched()) {
            return new PortEnding(verified, false, Optional.empty());
        }
        if (taskFile != null) {
            try {
                lastAnswer();
                taskFile.command(DEVICE_RESET);
                int status = taskFile.status();
                long deadline = env.clock().elapsed().plus(RESET_WAIT).toNanos();
                while ((status & BSY) != 0 && env.clock().elapsed().toNanos() < deadline) {
                    env.clock().sleep(Duration.ofMillis(10));
                    status = taskFile.status();
                }
                int mid = taskFile.read(Register.LBA_MID);
                int high = taskFile.read(Register.LBA_HIGH);
                verified.add(String.format("DEVICE RESET sent: Status 0x%02X, LBA mid/high 0x%02X/0x%02X%s", status, mid,
                        high, mid == 0x14 && high == 0xEB ? " (the ATAPI signature)" : " (not the ATAPI signature 0x14/0xEB)"));
                taskFile.deviceControl(0);
            } catch (TransportException e) {
                problem = Optional.of("resetting the drive failed: " + e.getMessage());
            }
            ports.close();
        }
        if (unbound) {
            try {
                env.binder().bind(target.channel().function(), driver.get());
                Optional<String> now = IdeChannelScan.driver(functionDir());
                if (now.equals(driver)) {
                    verified.add(target.channel().function() + " bound to " + driver.get() + " again");
                } else {
                    problem = problem.or(() -> Optional.of(target.channel().function() + " did not bind to "
                            + driver.get() + " again"));
                }
            } catch (IOException e) {
                problem = problem.or(() -> Optional.of("cannot bind " + target.channel().function() + " to "
                        + driver.get() + " again: " + e.getMessage()));
            }
        }
        boolean answers = false;
        if (problem.isEmpty() && target.listed().isPresent()) {
            Optional<IdeDrive> again = reappeared();
            if (again.isEmpty()) {
                problem = Optional.of("the drive did not appear again on " + target.channel().describe() + " "
                        + target.positionName() + " within " + REAPPEAR_WAIT.toSeconds() + " s");
            } else {
                String node = again.get().genericNode().or(again.get()::blockNode).orElseThrow();
                verified.add("found again at " + again.get().address() + " on " + again.get().ataPort() + " as " + node);
                try {
                    verified.add("INQUIRY through SG_IO answers: " + env.inquirer().inquire(node));
                    answers = true;
                } catch (TransportException e) {
                    problem = Optional.of("INQUIRY through SG_IO on " + node + " failed: " + e.getMessage());
                }
            }
        }
        return new PortEnding(verified, answers, problem);
    }

    private Optional<IdeDrive> reappeared() {
        long deadline = env.clock().elapsed().plus(REAPPEAR_WAIT).toNanos();
        while (true) {
            Optional<IdeDrive> d = IdeChannelScan.channelsOf(env.sys(), target.channel().function()).stream()
                    .filter(c -> c.index() == target.channel().index()).findFirst()
                    .flatMap(c -> c.at(target.position()))
                    .filter(x -> x.genericNode().isPresent() || x.blockNode().isPresent());
            if (d.isPresent() || env.clock().elapsed().toNanos() >= deadline) {
                return d;
            }
            env.clock().sleep(STEP);
        }
    }
}
