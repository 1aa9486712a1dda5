package dev.odflash.emulator.gadget;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What this host offers a USB gadget, as facts (the CLI words them): the OS, the user, and where configfs, the
 * dummy UDC and the device nodes live. {@code root} is "/" on a real host; tests point it at a scratch tree, and then
 * nothing is loaded or mounted (docs/testing.md). The modules and steps are those of the kernel's
 * Documentation/usb/gadget_configfs.rst and Documentation/usb/functionfs.rst.
 */
public record GadgetHost(String osName, long uid, Path root, boolean mayLoadModules) {
    /** Why a gadget cannot be attached here. */
    public enum Refusal {
        /** configfs gadgets and FunctionFS are Linux only. */
        NOT_LINUX,
        /** configfs, mount and modprobe need uid 0. */
        NOT_ROOT,
        /** no configfs usb_gadget directory, even after loading libcomposite. */
        NO_CONFIGFS_GADGET,
        /** no dummy_udc.0 under /sys/class/udc, even after loading dummy_hcd. */
        NO_DUMMY_UDC
    }

    /** The fixed gadget name: a run finds (and removes) a gadget a killed run left behind. */
    public static final String NAME = "odflash";
    public static final String UDC = "dummy_udc.0";

    /** This process's host. */
    public static GadgetHost current() {
        long uid = -1;
        try {
            uid = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (Exception e) {
            // no /proc or no unix attribute view: not a host that can serve a gadget; uid stays unknown
        }
        return new GadgetHost(System.getProperty("os.name", ""), uid, Path.of("/"), true);
    }

    public boolean linux() {
        return osName.toLowerCase(java.util.Locale.ROOT).startsWith("linux");
    }

    /** The first reason the host itself refuses (before any module is loaded). */
    public Optional<Refusal> hostRefusal() {
        if (!linux()) {
            return Optional.of(Refusal.NOT_LINUX);
        }
        if (uid != 0) {
            return Optional.of(Refusal.NOT_ROOT);
        }
        return Optional.empty();
    }

    /** The first reason the kernel side refuses (call after the modules were loaded). */
    public Optional<Refusal> kernelRefusal() {
        if (!Files.isDirectory(gadgets())) {
            return Optional.of(Refusal.NO_CONFIGFS_GADGET);
        }
        if (!Files.exists(root.resolve("sys/class/udc").resolve(UDC))) {
            return Optional.of(Refusal.NO_DUMMY_UDC);
        }
        return Optional.empty();
    }

    public Path configfs() {
        return root.resolve("sys/kernel/config");
    }

    public Path gadgets() {
        return configfs().resolve("usb_gadget");
    }

    public Path gadget() {
        return gadgets().resolve(NAME);
    }

    /** Where the FunctionFS instance is mounted (ep0, then ep1 IN and ep2 OUT). */
    public Path functionFs() {
        return root.resolve("run/odflash-gadget/ffs");
    }

    /** The PID of the process serving the gadget (a detach or the next attach reads it). */
    public Path pidFile() {
        return root.resolve("run/odflash-gadget/pid");
    }
}
