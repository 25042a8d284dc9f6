package dev.chaosmonkey.agent.bootstrap;

import dev.chaosmonkey.core.internal.ChaosLog;

/** Helpers shared by all advice: error swallowing, JDBC operation names, URL parts. */
public final class AdviceSupport {
    private AdviceSupport() {
    }

    /**
     * Logs, once per place, an error raised by chaos advice itself (never by the injected fault); the instrumented
     * call then proceeds normally.
     */
    public static void swallow(String where, Throwable t) {
        if (t instanceof VirtualMachineError) {
            throw (VirtualMachineError) t;
        }
        ChaosLog.warnOnce("advice-" + where, "chaos-agent: internal error in the " + where
                + " instrumentation; the call proceeds without chaos", t);
    }

    /** The JDBC {@code operation} attribute for a {@code Statement} method name. */
    public static String jdbcOperation(String method) {
        switch (method) {
            case "executeQuery":
                return "query";
            case "executeUpdate":
            case "executeLargeUpdate":
                return "update";
            case "executeBatch":
            case "executeLargeBatch":
                return "batch";
            default:
                return "execute";
        }
    }

    /** The port of a URI/URL, or the scheme default when none is given. */
    public static int port(int port, String scheme) {
        if (port >= 0) {
            return port;
        }
        if ("https".equalsIgnoreCase(scheme)) {
            return 443;
        }
        if ("http".equalsIgnoreCase(scheme)) {
            return 80;
        }
        return -1;
    }

    /** The path without query, never empty ({@code /}). */
    public static String path(String pathAndQuery) {
        if (pathAndQuery == null || pathAndQuery.isEmpty()) {
            return "/";
        }
        int q = pathAndQuery.indexOf('?');
        String p = q >= 0 ? pathAndQuery.substring(0, q) : pathAndQuery;
        return p.isEmpty() ? "/" : p;
    }
}
