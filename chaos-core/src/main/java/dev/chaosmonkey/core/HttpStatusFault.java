package dev.chaosmonkey.core;

import java.util.Objects;

import dev.chaosmonkey.core.internal.Specs;

/**
 * Answers an HTTP call with a synthetic error response instead of calling the server: the status, its standard
 * reason phrase, a {@code text/plain} body (by default one naming the rule; {@code status(503, body="...")} gives
 * one, {@code body=""} an empty one) and its {@code Content-Type}/{@code Content-Length} headers. Allowed statuses:
 * 429 and 500-599. Clients that cannot be given a synthetic response get an {@code IOException} naming the status.
 */
public final class HttpStatusFault extends Fault {
    private final int status;
    private final String body;

    HttpStatusFault(int status) {
        this(status, null);
    }

    private HttpStatusFault(int status, String body) {
        if (status != 429 && (status < 500 || status > 599)) {
            throw new IllegalArgumentException("HTTP status must be 429 or 500-599, was " + status);
        }
        this.status = status;
        this.body = body;
    }

    /** The same status answered with this body ({@code ""} for an empty one). */
    public HttpStatusFault withBody(String responseBody) {
        return new HttpStatusFault(status, Objects.requireNonNull(responseBody, "responseBody"));
    }

    /** The body of the synthetic response, or {@code null} for the default one naming the rule. */
    public String body() {
        return body;
    }

    /** The HTTP status code of the synthetic response. */
    public int status() {
        return status;
    }

    @Override
    public String kind() {
        return "status";
    }

    @Override
    void validateFor(InjectionPoint point) {
        if (point != InjectionPoint.HTTP) {
            throw new IllegalArgumentException("status(" + status + ") only applies to the http point, not "
                    + point.specName());
        }
    }

    @Override
    public String toSpec() {
        return body == null ? "status(" + status + ")" : "status(" + status + ", body=" + Specs.quote(body) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpStatusFault && status == ((HttpStatusFault) o).status
                && Objects.equals(body, ((HttpStatusFault) o).body);
    }

    @Override
    public int hashCode() {
        return status * 31 + Objects.hashCode(body);
    }
}
