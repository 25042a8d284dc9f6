package dev.chaosmonkey.experiment.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logging of the engine: SLF4J when it is on the class path, otherwise {@link System.Logger} (the shaded agent CLI
 * carries no SLF4J). Warnings about the same thing are logged once.
 */
public final class EngineLog {
    private static final String NAME = "dev.chaosmonkey.experiment";
    private static final boolean SLF4J = present("org.slf4j.LoggerFactory");
    private static final Set<String> ONCE = ConcurrentHashMap.newKeySet();

    private EngineLog() {
    }

    private static boolean present(String type) {
        try {
            Class.forName(type, false, EngineLog.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Logs a warning. */
    public static void warn(String message) {
        if (SLF4J) {
            Slf4j.warn(message, null);
        } else {
            System.getLogger(NAME).log(System.Logger.Level.WARNING, message);
        }
    }

    /** Logs a warning the first time {@code key} is seen. */
    public static void warnOnce(String key, String message) {
        if (ONCE.size() < 1000 && ONCE.add(key)) {
            warn(message);
        }
    }

    /** Logs an internal error with its stack trace. */
    public static void error(String message, Throwable t) {
        if (SLF4J) {
            Slf4j.error(message, t);
        } else {
            System.getLogger(NAME).log(System.Logger.Level.ERROR, message, t);
        }
    }

    /** Logs progress information. */
    public static void info(String message) {
        if (SLF4J) {
            Slf4j.info(message);
        } else {
            System.getLogger(NAME).log(System.Logger.Level.INFO, message);
        }
    }

    /** Holds the SLF4J references, so that they link only when SLF4J is present. */
    private static final class Slf4j {
        private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NAME);

        static void warn(String m, Throwable t) {
            LOG.warn(m, t);
        }

        static void error(String m, Throwable t) {
            LOG.error(m, t);
        }

        static void info(String m) {
            LOG.info(m);
        }
    }
}
