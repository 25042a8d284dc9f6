package dev.chaosmonkey.core.internal;

import java.util.ArrayList;
import java.util.List;
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
    /** At most this many messages are held back by {@link #hold()}; later ones are counted, not kept. */
    static final int MAX_HELD = 256;
    private static final Object HOLD_LOCK = new Object();
    /** Whether {@link #held} may be non-null: read without the lock on every message. */
    private static volatile boolean holding;
    /** INFO messages held back since {@link #hold()}, oldest first; guarded by {@link #HOLD_LOCK}. */
    private static List<String> held;
    private static int droppedWhileHeld;

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

    /**
     * Holds INFO messages back until {@link #release()}, for a Java agent's {@code premain}: the first message
     * initialises the logging system (about 50 ms with {@code java.util.logging}), which would add to the start of
     * every application; released later, the messages go through the logging the application configured meanwhile.
     * A WARNING or ERROR is never held: it releases what was held, in order, and is logged at once.
     */
    public static void hold() {
        synchronized (HOLD_LOCK) {
            if (held == null) {
                held = new ArrayList<>();
                holding = true;
            }
        }
    }

    /** Logs the messages held since {@link #hold()}, oldest first, and stops holding; idempotent. */
    public static void release() {
        List<String> messages;
        int dropped;
        synchronized (HOLD_LOCK) {
            messages = held;
            dropped = droppedWhileHeld;
            held = null;
            droppedWhileHeld = 0;
            holding = false;
        }
        if (messages != null) {
            for (String m : messages) {
                emit(System.Logger.Level.INFO, m, null);
            }
            if (dropped > 0) {
                emit(System.Logger.Level.INFO, dropped + " more chaos messages of the start were not kept", null);
            }
        }
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
        String message;
        try {
            message = LogText.safe(raw, LogText.MAX_MESSAGE);
        } catch (RuntimeException | LinkageError e) {
            return;
        }
        if (holding) {
            if (level == System.Logger.Level.INFO && t == null) {
                synchronized (HOLD_LOCK) {
                    if (held != null) {
                        if (held.size() < MAX_HELD) {
                            held.add(message);
                        } else {
                            droppedWhileHeld++;
                        }
                        return;
                    }
                }
            } else {
                release();
            }
        }
        emit(level, message, t);
    }

    private static void emit(System.Logger.Level level, String message, Throwable t) {
        try {
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
