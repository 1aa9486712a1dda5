package dev.odflash.fuzz;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Arrays;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/**
 * Runs one {@code @FuzzTest} method (argument {@code fully.qualified.Class#method}) through the JUnit
 * Platform launcher, for scripts/fuzz-short.sh: one JVM per target costs about a second, where a Maven
 * run per target costs twenty. Jazzer fuzzes when JAZZER_FUZZ is set, else replays the seeds. Exit 0
 * when the method ran and nothing failed; 1 on a failure (a finding); 2 when the method is unknown.
 */
public final class FuzzLauncher {
    private FuzzLauncher() {
    }

    public static void main(String[] args) throws ClassNotFoundException {
        String[] parts = args[0].split("#", 2);
        Class<?> type = Class.forName(parts[0]);
        Method method = Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getName().equals(parts[1])).findFirst()
                .orElse(null);
        if (method == null) {
            System.err.println("no method " + args[0]);
            System.exit(2);
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(type, method)).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary s = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        s.printFailuresTo(out, 25);
        out.printf("junit: %d succeeded, %d failed, %d skipped%n", s.getTestsSucceededCount(),
                s.getTotalFailureCount(), s.getTestsSkippedCount());
        System.exit(s.getTotalFailureCount() == 0 && s.getTestsSucceededCount() > 0 ? 0 : 1);
    }
}
