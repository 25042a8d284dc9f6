package dev.chaosmonkey.agent.internal;

/**
 * Time spans of the agent's start, printed to stderr when {@code -Dchaos.agent.trace-startup=true}: what
 * {@code premain}, the background initialisation and the first weaving spend, to measure rather than guess. Off by
 * default, where a mark costs one static read. The origin is kept in a system property because this class may be
 * loaded twice (by the system class loader and by the agent's loader over an application's chaos-core).
 */
final class StartupTrace {
    private static final String ORIGIN = "dev.chaosmonkey.agent.trace-origin";
    private static final boolean ON = Boolean.getBoolean("chaos.agent.trace-startup");

    private StartupTrace() {
    }

    /** Whether tracing is on. */
    static boolean on() {
        return ON;
    }

    /** Prints the time since the first mark of this JVM, the thread and {@code what}. */
    static void mark(String what) {
        if (!ON) {
            return;
        }
        long now = System.nanoTime();
        String origin = System.getProperty(ORIGIN);
        if (origin == null) {
            origin = Long.toString(now);
            System.setProperty(ORIGIN, origin);
        }
        long micros = (now - Long.parseLong(origin)) / 1000;
        System.err.println("[chaos-agent] trace +" + micros / 1000 + "." + (micros % 1000) / 100 + " ms ["
                + Thread.currentThread().getName() + "] " + what);
    }
}
