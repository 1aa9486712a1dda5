package dev.odflash.cli;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lets a test class's in-process `emu attach` runs honour the test hook ODFLASH_GADGET_TEST_HOST (a scratch tree
 * instead of the real configfs, docs/testing.md): the hook works only while this JVM property is set, so a stray
 * environment variable can never point a real run elsewhere (GadgetHostText).
 */
final class GadgetTestHost implements BeforeAllCallback, AfterAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        System.setProperty(GadgetHostText.TEST_PROPERTY, "true");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        System.clearProperty(GadgetHostText.TEST_PROPERTY);
    }
}
