package dev.odflash.cli;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * Routes {@link System.Logger} (core's decision log) to the log of the run on the calling thread
 * ({@link RunLog#CURRENT}); outside a run, and on threads a run did not bind, records are dropped.
 * Nothing is ever printed: a log record never reaches stdout or stderr. Installed as the JVM's
 * {@code System.LoggerFinder} by {@code META-INF/services/java.lang.System$LoggerFinder}.
 */
public final class RunLogFinder extends System.LoggerFinder {
    public RunLogFinder() {
        // the service loader's constructor: no state, so it can never fail
    }

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new RunLogger(name);
    }

    private record RunLogger(String name) implements System.Logger {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            return RunLog.CURRENT.isBound() && RunLog.CURRENT.get().loggable(level);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (isLoggable(level)) {
                RunLog.CURRENT.get().record(name, level, localized(bundle, msg), thrown);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                String pattern = localized(bundle, format);
                String text;
                try {
                    text = params == null || params.length == 0 ? pattern : MessageFormat.format(pattern, params);
                } catch (IllegalArgumentException e) {
                    text = pattern;
                }
                RunLog.CURRENT.get().record(name, level, text, null);
            }
        }

        private static String localized(ResourceBundle bundle, String key) {
            if (bundle != null && key != null && bundle.containsKey(key)) {
                return bundle.getString(key);
            }
            return key;
        }
    }
}
