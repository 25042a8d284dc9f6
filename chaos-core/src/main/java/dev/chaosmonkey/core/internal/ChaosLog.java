package dev.chaosmonkey.core.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logging through {@link System.Logger} (core may live on the bootstrap class path, where SLF4J cannot be linked;
 * route it to SLF4J with {@code slf4j-jdk-platform-logging}). The logger is created lazily so that loading chaos
 * classes early (e.g. in an agent's premain) does not initialise the logging system.
 */
public final class ChaosLog {
    private static volatile System.Logger logger;
    private static final Set<String> ONCE = ConcurrentHashMap.newKeySet();

    private ChaosLog() {
    }

    private static System.Logger logger() {
        System.Logger l = logger;
        if (l == null) {
            l = System.getLogger("dev.chaosmonkey");
            logger = l;
        }
        return l;
    }

    /** Logs at INFO. */
    public static void info(String message) {
        log(System.Logger.Level.INFO, message, null);
    }

    /** Logs at WARNING. */
    public static void warn(String message) {
        log(System.Logger.Level.WARNING, message, null);
    }

    /** Logs at WARNING with a cause. */
    public static void warn(String message, Throwable t) {
        log(System.Logger.Level.WARNING, message, t);
    }

    /** Logs a warning the first time {@code key} is seen, never again; for errors on hot paths. */
    public static void warnOnce(String key, String message, Throwable t) {
        if (ONCE.add(key)) {
            log(System.Logger.Level.WARNING, message + " (logged once)", t);
        }
    }

    /** Logs at ERROR. */
    public static void error(String message) {
        log(System.Logger.Level.ERROR, message, null);
    }

    /** Logs an error the first time {@code key} is seen, never again. */
    public static void errorOnce(String key, String message, Throwable t) {
        if (ONCE.add(key)) {
            log(System.Logger.Level.ERROR, message + " (logged once)", t);
        }
    }

    /**
     * Every message passes through {@link LogText}: messages quote untrusted input (specs from JMX or files), so
     * control characters are escaped and the length is capped here, whatever the caller did.
     */
    private static void log(System.Logger.Level level, String raw, Throwable t) {
        try {
            String message = LogText.safe(raw, LogText.MAX_MESSAGE);
            if (t == null) {
                logger().log(level, message);
            } else {
                logger().log(level, message, t);
            }
        } catch (RuntimeException | LinkageError e) {
            // logging must never break the host application
        }
    }
}
