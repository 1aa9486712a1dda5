package dev.odflash.nativeio;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class path for a child JVM that runs this module's test classes. Surefire runs the tests on the module
 * path (module-info.java) and patches the test classes into the module, so java.class.path alone holds
 * neither the main nor the test classes; the child gets both, and every module path entry, on its class path.
 */
public final class ChildClassPath {
    private ChildClassPath() {
    }

    public static String get() {
        List<String> parts = new ArrayList<>();
        Path testClasses = Path.of("target", "test-classes");
        if (Files.isDirectory(testClasses)) {
            parts.add(testClasses.toAbsolutePath().toString());
        }
        for (String p : new String[] {System.getProperty("jdk.module.path"), System.getProperty("java.class.path")}) {
            if (p != null && !p.isEmpty()) {
                parts.add(p);
            }
        }
        return String.join(File.pathSeparator, parts);
    }
}
