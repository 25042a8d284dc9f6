package dev.chaosmonkey.core;

/**
 * Who is changing the chaos state, for the audit trail: entry points (JMX, the agent's options and config file, the
 * Spring actuator) open a scope on the calling thread, and the events that arming, disarming, enabling and disabling
 * raise carry it ({@link ChaosEvent#source()}). Calls outside any scope are {@value #API}. Bootstrap-safe: only
 * {@code java.base}.
 */
public final class ChaosSource {
    /** The source of calls made through the Java API without a scope. */
    public static final String API = "api";
    private static final int MAX_LENGTH = 200;
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private ChaosSource() {
    }

    /** The calling thread's source: the innermost open scope's, or {@value #API}. */
    public static String current() {
        String s = CURRENT.get();
        return s == null ? API : s;
    }

    /**
     * Sets the calling thread's source until the scope is closed (use try-with-resources).
     *
     * @param source e.g. {@code jmx}, {@code jmx:alice}, {@code agent-options}, {@code config-file:/etc/chaos.txt},
     *        {@code actuator:bob}; control characters are replaced and long names cut
     */
    public static Scope open(String source) {
        String previous = CURRENT.get();
        CURRENT.set(clean(source));
        return new Scope(previous);
    }

    private static String clean(String source) {
        if (source == null || source.isBlank()) {
            return API;
        }
        StringBuilder sb = new StringBuilder(Math.min(source.length(), MAX_LENGTH));
        for (int i = 0; i < source.length() && sb.length() < MAX_LENGTH; i++) {
            char c = source.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return sb.toString();
    }

    /** An open source scope; closing restores the previous source. */
    public static final class Scope implements AutoCloseable {
        private final String previous;

        private Scope(String previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
