package dev.odflash.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.odflash.cli.ArchitectureRules.COMMAND_ALLOWED;
import static dev.odflash.cli.ArchitectureRules.COMMAND_FORBIDDEN;
import static dev.odflash.cli.ArchitectureRules.EMULATOR_FORBIDDEN;
import static dev.odflash.cli.ArchitectureRules.NATIVE_FORBIDDEN;
import static dev.odflash.cli.ArchitectureRules.familyDecisions;
import static dev.odflash.cli.ArchitectureRules.flagLiterals;
import static dev.odflash.cli.ArchitectureRules.forbiddenReferences;
import static dev.odflash.cli.ArchitectureRules.isCommand;
import static dev.odflash.cli.ArchitectureRules.lockWords;
import static dev.odflash.cli.ArchitectureRules.mainSources;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layer rules that module-info.java cannot express (docs/architecture.md, "Layers and who may depend on
 * whom"), checked on every main source file of the repository. The allow-lists name today's known
 * offenders exactly: an entry that no longer matches fails too, so the lists only shrink.
 */
class ArchitectureTest {
    /** The tests run in cli/; the repository is its parent. */
    private static final Path REPO = Files.isDirectory(Path.of("../core/src/main/java")) ? Path.of("..") : Path.of(".");

    /** Native files that know a drive or family today, with the types they name (none: keep it so). */
    private static final Map<String, List<String>> NATIVE_ALLOWED = Map.of();

    /** Command classes that speak protocol or transport today, with the types they name (none: keep it so). */
    private static final Map<String, List<String>> COMMANDS_ALLOWED = Map.of();

    @Test
    void emulatorUsesNoHostProtocolImagePlanOrOps() {
        Map<String, List<String>> found = new TreeMap<>();
        mainSources(REPO, "emulator").forEach((file, src) -> {
            List<String> bad = forbiddenReferences(src, EMULATOR_FORBIDDEN, List.of());
            if (!bad.isEmpty()) {
                found.put(file, bad);
            }
        });
        assertThat(found).as("the emulator models drives from docs/protocols.md, not from host code").isEmpty();
    }

    /**
     * The emulated drive returns raw sense bytes of its own encoding and the host decodes them
     * (docs/architecture.md "Sense as bytes"): no emulator source builds core's decoded sense, or the parser
     * would never see the emulator's bytes.
     */
    @Test
    void emulatorEncodesItsOwnSenseBytes() {
        Map<String, List<String>> found = new TreeMap<>();
        mainSources(REPO, "emulator").forEach((file, src) -> {
            List<String> bad = java.util.stream.Stream.of("SenseData.fixed(", "new SenseData(").filter(src::contains).toList();
            if (!bad.isEmpty()) {
                found.put(file, bad);
            }
        });
        assertThat(found).as("sense is encoded by emulator.core.FixedSense and decoded by SenseData.parse").isEmpty();
    }

    @Test
    void emulatorHoldsNoLocks() {
        Map<String, List<String>> found = new TreeMap<>();
        mainSources(REPO, "emulator").forEach((file, src) -> {
            List<String> words = lockWords(src);
            if (!words.isEmpty()) {
                found.put(file, words);
            }
        });
        assertThat(found).as("an emulated drive is confined to one thread (docs/architecture.md)").isEmpty();
    }

    @Test
    void lockRuleSeesCodeOnly() {
        String src = """
                class Y {
                    // synchronized in a comment is fine
                    private volatile long v;
                    String s = "synchronized";
                    synchronized void f() { }
                    java.util.concurrent.locks.ReentrantLock l;
                }
                """;
        assertThat(lockWords(src)).containsExactly("volatile", "synchronized", "ReentrantLock");
    }

    @Test
    void nativeKnowsNoDriveFamilyImageOrOps() {
        Map<String, List<String>> found = new TreeMap<>();
        mainSources(REPO, "native").forEach((file, src) -> {
            List<String> bad = forbiddenReferences(src, NATIVE_FORBIDDEN, List.of());
            if (!bad.isEmpty()) {
                found.put(file, bad);
            }
        });
        assertThat(found).as("native is OS pass-through only (allow-list: NATIVE_ALLOWED)").isEqualTo(NATIVE_ALLOWED);
    }

    @Test
    void commandsCallNoProtocolOrTransportDirectly() {
        Map<String, List<String>> found = new TreeMap<>();
        mainSources(REPO, "cli").forEach((file, src) -> {
            if (isCommand(src)) {
                List<String> bad = forbiddenReferences(src, COMMAND_FORBIDDEN, COMMAND_ALLOWED);
                if (!bad.isEmpty()) {
                    found.put(file, bad);
                }
            }
        });
        assertThat(found).as("a command calls an operation (allow-list: COMMANDS_ALLOWED)").isEqualTo(COMMANDS_ALLOWED);
    }

    @Test
    void coreNamesNoCliFlag() {
        Map<String, Integer> found = new TreeMap<>();
        mainSources(REPO, "core").forEach((file, src) -> {
            int n = flagLiterals(src).size();
            if (n > 0) {
                found.put(file, n);
            }
        });
        // typed outcomes (docs/architecture.md "Layers and who may depend on whom"): a refusal names its override as a Choice, a text as Choice.X.mention();
        // the CLI's OutcomeText words them. No allow-list: core spells no flag at all.
        assertThat(found).as("core returns facts; the CLI owns flag names (name a dev.odflash.ops.Choice instead)")
                .isEmpty();
    }

    @Test
    void noSwitchOnAFamilyOrLayoutOutsideTheFamilyPackages() {
        Map<String, List<String>> found = new TreeMap<>();
        for (String module : List.of("core", "cli", "emulator")) {
            mainSources(REPO, module).forEach((file, src) -> {
                List<String> bad = familyDecisions(src);
                if (!ownsItsFamily(file) && !bad.isEmpty()) {
                    found.put(module + ":" + file, bad);
                }
            });
        }
        assertThat(found).as("ask the family (dev.odflash.family.Families) instead of deciding on its name"
                + " (docs/how-to-add-a-family.md)").isEmpty();
    }

    /**
     * Where a family's or layout's name may be decided on: the host's family packages, the emulator's
     * per-layout personalities (emulator/download/*Personality.java) and its profile table (data rows).
     */
    private static boolean ownsItsFamily(String file) {
        return file.startsWith("dev/odflash/family/") || file.endsWith("Personality.java")
                || file.equals("dev/odflash/emulator/EmulatorProfiles.java");
    }

    // --- the desktop GUI (gui module, issue 17)

    /**
     * The GUI is a view over the engine's typed outcomes: it names no command-line option (a user of the GUI is
     * never told about a flag), and it holds a drive only as the Device handle it gives to an operation.
     */
    @Test
    void guiNamesNoFlagAndCallsNoProtocolOrTransport() {
        Map<String, List<String>> found = new TreeMap<>();
        mainSources(REPO, "gui").forEach((file, src) -> {
            // the one exemption: RecoveryCommands holds the command lines the Recovery screen shows to copy into a
            // terminal (root or a programmer the GUI does not drive); every other GUI file names no flag
            List<String> bad = new java.util.ArrayList<>(file.equals(RECOVERY_COMMANDS) ? List.of() : flagLiterals(src));
            bad.addAll(forbiddenReferences(src, COMMAND_FORBIDDEN, GUI_ALLOWED));
            if (!bad.isEmpty()) {
                found.put(file, bad);
            }
        });
        assertThat(found).as("the GUI words choices (ChoiceWords) and calls operations").isEmpty();
    }

    private static final String RECOVERY_COMMANDS = "dev/odflash/gui/model/RecoveryCommands.java";

    /** The exemption names a file that exists and spells flags (else it is stale and must go). */
    @Test
    void guiFlagExemptionIsOneFileThatNeedsIt() {
        assertThat(flagLiterals(mainSources(REPO, "gui").get(RECOVERY_COMMANDS))).isNotEmpty();
    }

    /**
     * What the GUI may name of protocol and transport: the command's handles, the typed progress events, and the
     * engine's typed user-action prompts (core transport/UserActions.java: "the CLI prints it, a GUI shows it").
     */
    private static final List<String> GUI_ALLOWED = java.util.stream.Stream.concat(COMMAND_ALLOWED.stream(),
            java.util.stream.Stream.of("dev.odflash.protocol.Progress", "dev.odflash.transport.UserActions")).toList();

    /** The view-models are tested without a display: no Swing or AWT in dev.odflash.gui.model. */
    @Test
    void guiViewModelsKnowNoSwing() {
        Map<String, List<String>> found = new TreeMap<>();
        mainSources(REPO, "gui").forEach((file, src) -> {
            List<String> bad = ArchitectureRules.uiToolkitReferences(src);
            if (file.startsWith("dev/odflash/gui/model/") && !bad.isEmpty()) {
                found.put(file, bad);
            }
        });
        assertThat(found).as("a view-model is plain Java over the engine; Swing lives in dev.odflash.gui.view").isEmpty();
    }

    @Test
    void toolkitRuleCatchesSwingAndAwtInCodeOnly() {
        String src = """
                package dev.odflash.gui.model;
                import javax.swing.JButton;
                import java.awt.Color;
                // javax.swing.JLabel in a comment is fine
                class M { String s = "java.awt.Frame"; Object o = new javax.swing.Timer(1, null); }
                """;
        assertThat(ArchitectureRules.uiToolkitReferences(src)).containsExactly("javax.swing.JButton", "java.awt.Color",
                "javax.swing.Timer");
    }

    // each rule can fail: the checker on synthetic sources

    @Test
    void familyRuleCatchesConstantsAndCaseLabelsInCodeOnly() {
        String src = """
                package dev.odflash.ops;
                // DriveFamily.MT19XX in a comment is fine
                class F {
                    boolean a(DriveModel m) { return m.family() == DriveFamily.MTK8051; }
                    long b(ImageLayout l) { return switch (l) { case SD616 -> 1; case MT1959, MT1939 -> 2; default -> 0; }; }
                    String c = "ImageLayout.BTC";
                    Gate g = Gate.FAMILY;
                }
                """;
        assertThat(familyDecisions(src)).containsExactly("DriveFamily.MTK8051", "case SD616", "case MT1959");
    }

    @Test
    void emulatorRuleCatchesImportsAndQualifiedNames() {
        String src = """
                package dev.odflash.emulator.x;
                import dev.odflash.plan.FlashPlan;
                import static dev.odflash.ops.ExitCode.OK;
                import dev.odflash.protocol.download.*;
                import dev.odflash.drive.ImageLayout; // allowed: the drive table
                import dev.odflash.bytes.Cmac;
                import dev.odflash.bytes.Ascii; // allowed: byte helpers
                /** {@link dev.odflash.image.Cmac} in a comment is no use */
                class X { Object o = new dev.odflash.image.ImageBytes(); String s = "dev.odflash.ops.Y"; }
                """;
        assertThat(forbiddenReferences(src, EMULATOR_FORBIDDEN, List.of())).containsExactly(
                "dev.odflash.bytes.Cmac", "dev.odflash.image.ImageBytes", "dev.odflash.ops.ExitCode", "dev.odflash.plan.FlashPlan",
                "dev.odflash.protocol.download");
    }

    @Test
    void nativeRuleCatchesDriveAndFamily() {
        String src = "package dev.odflash.nativeio;\nimport dev.odflash.drive.DriveFamily;\n"
                + "import dev.odflash.transport.Device;\nclass P { dev.odflash.family.mt19xx.Mt19xx f; }\n";
        assertThat(forbiddenReferences(src, NATIVE_FORBIDDEN, List.of()))
                .containsExactly("dev.odflash.drive.DriveFamily", "dev.odflash.family.mt19xx.Mt19xx");
    }

    @Test
    void commandRuleAllowsTheDeviceHandleOnly() {
        String src = """
                package dev.odflash.cli;
                import dev.odflash.protocol.Spc;
                import dev.odflash.transport.Device;
                import dev.odflash.transport.ScsiRequest;
                import dev.odflash.transport.TransportException;
                @Command(name = "x")
                final class XCommand { }
                """;
        assertThat(isCommand(src)).isTrue();
        assertThat(isCommand("final class Helper { String s = \"@Command(\"; }")).isFalse();
        assertThat(forbiddenReferences(src, COMMAND_FORBIDDEN, COMMAND_ALLOWED))
                .containsExactly("dev.odflash.protocol.Spc", "dev.odflash.transport.ScsiRequest");
    }

    @Test
    void flagRuleCatchesFlagsInLiteralsOnly() {
        String src = """
                package dev.odflash.ops;
                // a comment may say --yes
                class G {
                    String a = "--backup";
                    String b = "use --yes in scripts";
                    String c = "(--allow-older overrides)";
                    String d = "a -- b, 0x--, ---";
                    char q = '"'; String e = "\\"--size\\"";
                    String t = \"""
                            give --chip NAME
                            \""";
                }
                """;
        assertThat(flagLiterals(src)).hasSize(5);
    }
}
