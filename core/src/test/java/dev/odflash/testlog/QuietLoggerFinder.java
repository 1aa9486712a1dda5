package dev.odflash.testlog;

import java.util.ResourceBundle;

/**
 * Core's tests run without the CLI's run log: the decision log (INFO) is dropped rather than printed by
 * the platform default on every test flash; WARNING and above still reach stderr.
 */
public final class QuietLoggerFinder extends System.LoggerFinder {
    @Override
    public System.Logger getLogger(String name, Module module) {
        return new System.Logger() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public boolean isLoggable(Level level) {
                return level.getSeverity() >= Level.WARNING.getSeverity() && level != Level.OFF;
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
                if (isLoggable(level)) {
                    System.err.println(level + " " + name + ": " + msg + (thrown == null ? "" : " (" + thrown + ")"));
                }
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String format, Object... params) {
                if (isLoggable(level)) {
                    System.err.println(level + " " + name + ": " + java.text.MessageFormat.format(format, params));
                }
            }
        };
    }
}
