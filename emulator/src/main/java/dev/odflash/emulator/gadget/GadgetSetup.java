package dev.odflash.emulator.gadget;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds and removes the configfs gadget with one FunctionFS function (Linux Documentation/usb/gadget_configfs.rst,
 * Documentation/usb/functionfs.rst): VID:PID 1d6b:0104 (the Linux Foundation's multifunction composite gadget id),
 * one configuration, function {@code ffs.odflash} mounted as FunctionFS. Modules are loaded with modprobe; one that is
 * already loaded is left alone (its parameters too: modprobe does nothing for a loaded module).
 */
public final class GadgetSetup {
    /** The modules the gadget path needs, in load order (the research note lists their dependencies). */
    static final List<String> MODULES = List.of("configfs", "sg", "sr_mod", "libcomposite", "usb_f_fs", "dummy_hcd");

    private final GadgetHost host;

    public GadgetSetup(GadgetHost host) {
        this.host = host;
    }

    /**
     * Loads what is missing: the modules, usb-storage with {@code delay_use=0} only when it is not loaded yet, and
     * configfs mounted. Returns the modules that failed to load (the caller words the refusal if that matters).
     */
    public List<String> loadModules() throws IOException {
        List<String> failed = new ArrayList<>();
        if (!host.mayLoadModules()) {
            return failed;
        }
        for (String m : MODULES) {
            // loaded already (sysfs lists it): no modprobe process, which costs seconds on a slow guest (the kernel
            // test's TCG vCPU), and modprobe would leave it alone anyway
            if (Files.isDirectory(host.root().resolve("sys/module").resolve(m))) {
                continue;
            }
            if (!run("modprobe", m)) {
                failed.add(m);
            }
        }
        if (!Files.isDirectory(host.root().resolve("sys/module/usb_storage"))
                && !run("modprobe", "usb-storage", "delay_use=0")) { // else the host waits 1 s before it scans
            failed.add("usb-storage");
        }
        if (!Files.isDirectory(host.gadgets())) {
            run("mount", "-t", "configfs", "none", host.configfs().toString());
        }
        return failed;
    }

    /** Creates the gadget's directories and strings and mounts its FunctionFS; the UDC is bound later. */
    public void create(String vendor, String product, String serial) throws IOException {
        Path g = host.gadget();
        Files.createDirectory(g);
        write(g.resolve("idVendor"), "0x1d6b");
        write(g.resolve("idProduct"), "0x0104");
        write(g.resolve("bcdUSB"), "0x0200");
        Path strings = Files.createDirectories(g.resolve("strings/0x409"));
        write(strings.resolve("serialnumber"), serial);
        write(strings.resolve("manufacturer"), vendor);
        write(strings.resolve("product"), product);
        Path config = g.resolve("configs/c.1");
        Files.createDirectories(config.resolve("strings/0x409"));
        write(config.resolve("strings/0x409/configuration"), "bot");
        // configfs made functions/ with the gadget (a default group); a scratch tree (tests) needs it made
        Path function = Files.createDirectory(Files.createDirectories(g.resolve("functions")).resolve("ffs." + GadgetHost.NAME));
        Files.createSymbolicLink(config.resolve("ffs." + GadgetHost.NAME), function);
        Files.createDirectories(host.functionFs());
        if (host.mayLoadModules() && !run("mount", "-t", "functionfs", GadgetHost.NAME, host.functionFs().toString())) {
            throw new IOException("cannot mount FunctionFS at " + host.functionFs());
        }
    }

    /** Binds the gadget to the dummy UDC: the host side enumerates it (usb-storage, then sr and sg). */
    public void bind() throws IOException {
        write(host.gadget().resolve("UDC"), GadgetHost.UDC);
    }

    /** Unbinds the gadget from its UDC, if it is bound: the host side sees the device unplugged. */
    public void unbind() {
        Path udc = host.gadget().resolve("UDC");
        if (Files.exists(udc)) {
            try {
                write(udc, "\n");
            } catch (IOException e) {
                // not bound
            }
        }
    }

    /** Whether a gadget of this name exists (a live one, or one a killed run left). */
    public boolean exists() {
        return Files.isDirectory(host.gadget(), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Removes the gadget in the reverse order of {@link #create}: unbind, unmount FunctionFS, the config link, then the
     * directories. Goes on past a step that fails (a half-built gadget is removed as far as it exists).
     */
    public void remove() throws IOException {
        Path g = host.gadget();
        unbind();
        if (host.mayLoadModules()) {
            run("umount", host.functionFs().toString());
        }
        Path config = g.resolve("configs/c.1");
        Files.deleteIfExists(config.resolve("ffs." + GadgetHost.NAME));
        Files.deleteIfExists(config.resolve("strings/0x409"));
        defaultGroup(config.resolve("strings"));
        Files.deleteIfExists(config);
        Files.deleteIfExists(g.resolve("functions/ffs." + GadgetHost.NAME));
        Files.deleteIfExists(g.resolve("strings/0x409"));
        for (String group : new String[] {"configs", "functions", "strings", "os_desc", "webusb"}) {
            defaultGroup(g.resolve(group));
        }
        Files.deleteIfExists(g);
        Files.deleteIfExists(host.pidFile());
    }

    /** Records this process as the server (replacing a stale file; never through a link). */
    public void writePid(long pid) throws IOException {
        Files.createDirectories(host.pidFile().getParent());
        Files.deleteIfExists(host.pidFile()); // deletes a link itself, never its target
        Files.writeString(host.pidFile(), pid + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }

    /** The PID the file names, if it names a number. */
    public java.util.OptionalLong readPid() {
        try {
            return java.util.OptionalLong.of(Long.parseLong(Files.readString(host.pidFile()).strip()));
        } catch (IOException | NumberFormatException e) {
            return java.util.OptionalLong.empty();
        }
    }

    /**
     * A directory configfs made by itself goes with its parent's rmdir and refuses its own; elsewhere (a scratch tree)
     * it is an ordinary empty directory.
     */
    private static void defaultGroup(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // configfs: removed with the parent
        }
    }

    private static void write(Path attribute, String value) throws IOException {
        Files.writeString(attribute, value, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
    }

    private static boolean run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroy();
                return false;
            }
            return p.exitValue() == 0;
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
