package dev.chaosmonkey.agent.bootstrap;

import java.io.IOException;

/**
 * How one client reports the end of a body cut short, as it reports the real thing: the exception of a reset after
 * some bytes, of a premature end of a body with a declared length, or none (the body just ends).
 */
public abstract class BodyEnd {
    /**
     * The exception the client raises at the cut, or {@code null} when the body just ends there (a truncated body of
     * unknown length).
     */
    public abstract IOException failure(BodyCut cut, boolean chunked);

    /** Whether this JDK's {@code HttpURLConnection} reports a truncated fixed-length body (JDK-8335135, JDK 24). */
    static boolean jdkChecksContentLength() {
        return Runtime.version().feature() >= 24;
    }
}
