package dev.odflash.cli;

import dev.odflash.emulator.gadget.GadgetHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The gadget test hook can never stand in for the real host by the environment alone: without the test-only system
 * property, or pointed at the real tree, the host is this one (its own uid and "/"), so a non-root user setting
 * ODFLASH_GADGET_TEST_HOST="uid=0" still meets the root check. Nothing here loads, mounts or binds anything: the
 * tests only read the host's description.
 */
class GadgetHostHookTest {
    @TempDir
    Path scratch;

    @Test
    void theEnvironmentAloneDoesNotReplaceTheHost() {
        System.clearProperty(GadgetHostText.TEST_PROPERTY);
        GadgetHost real = GadgetHost.current();
        GadgetHost h = GadgetHostText.host(Map.of(GadgetHostText.TEST_HOST, "os=Linux;uid=0;root=" + scratch));
        assertEquals(real, h, "without the test property the hook is ignored");
    }

    @Test
    void theHookNeverStandsInWithTheRealTree() {
        System.setProperty(GadgetHostText.TEST_PROPERTY, "true");
        try {
            GadgetHost h = GadgetHostText.host(Map.of(GadgetHostText.TEST_HOST, "os=Linux;uid=0;root=/"));
            assertEquals(GadgetHost.current(), h, "root=/ is the real host, with its real uid");
            GadgetHost dotted = GadgetHostText.host(Map.of(GadgetHostText.TEST_HOST, "os=Linux;uid=0;root=/tmp/.."));
            assertEquals(GadgetHost.current(), dotted, "a path that normalises to / too");
            GadgetHost stand = GadgetHostText.host(Map.of(GadgetHostText.TEST_HOST, "os=Linux;uid=0;root=" + scratch));
            assertEquals(scratch, stand.root());
            assertFalse(stand.mayLoadModules(), "a stand-in host never loads modules");
        } finally {
            System.clearProperty(GadgetHostText.TEST_PROPERTY);
        }
    }
}
