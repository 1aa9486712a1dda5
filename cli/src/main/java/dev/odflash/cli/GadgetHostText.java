package dev.odflash.cli;

import dev.odflash.emulator.gadget.GadgetHost;

import java.nio.file.Path;
import java.util.Map;

/** The words for a host that cannot serve a gadget, and the test hook that stands in for the host (docs/testing.md). */
final class GadgetHostText {
    /**
     * Test hook: "os=NAME;uid=N;root=DIR" stands in for this host; nothing is then loaded or mounted. Honoured only
     * when the JVM's system property {@link #TEST_PROPERTY} is "true" too (tests set it in-process; the launcher
     * never does), so the environment alone can never make a non-root user pass the root check on a real system.
     */
    static final String TEST_HOST = "ODFLASH_GADGET_TEST_HOST";
    static final String TEST_PROPERTY = "odflash.test.gadgetHost";

    private GadgetHostText() {
    }

    static GadgetHost host(Map<String, String> env) {
        String hook = env.get(TEST_HOST);
        if (hook == null || !"true".equals(System.getProperty(TEST_PROPERTY))) {
            return GadgetHost.current();
        }
        String os = "Linux";
        long uid = 0;
        Path root = Path.of("/nonexistent-odflash-test-root");
        for (String part : hook.split(";")) {
            String[] kv = part.split("=", 2);
            if (kv.length == 2) {
                switch (kv[0]) {
                    case "os" -> os = kv[1];
                    case "uid" -> uid = Long.parseLong(kv[1]);
                    case "root" -> root = Path.of(kv[1]).toAbsolutePath().normalize();
                    default -> {
                    }
                }
            }
        }
        if (root.getNameCount() == 0) { // the real tree: a stand-in host only ever works on a scratch one
            return GadgetHost.current();
        }
        return new GadgetHost(os, uid, root, false);
    }

    static ExitCode exitCode(GadgetHost.Refusal refusal) {
        return switch (refusal) {
            case NOT_LINUX, NOT_ROOT -> ExitCode.REFUSED;
            case NO_CONFIGFS_GADGET, NO_DUMMY_UDC -> ExitCode.DEVICE;
        };
    }

    static String words(GadgetHost.Refusal refusal, String command) {
        return switch (refusal) {
            case NOT_LINUX -> command + ": USB gadgets need Linux (configfs, FunctionFS and dummy_hcd); nothing was set up";
            case NOT_ROOT -> command + ": needs root (configfs, mount and modprobe); run it with sudo; nothing was set up";
            case NO_CONFIGFS_GADGET -> command + ": no configfs usb_gadget directory after loading libcomposite: the"
                    + " kernel needs CONFIG_USB_LIBCOMPOSITE and configfs (see docs/testing.md); nothing was set up";
            case NO_DUMMY_UDC -> command + ": no " + GadgetHost.UDC + " after loading dummy_hcd: the kernel needs"
                    + " CONFIG_USB_DUMMY_HCD=m, CONFIG_USB_CONFIGFS_F_FS=y and CONFIG_USB_STORAGE=m; nothing was set up";
        };
    }
}
