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

    /** Parses {@code status(503)} and {@code status(503, body="...")}. */
    static HttpStatusFault parse(FaultArgs args) {
        if (args.isEmpty() || args.size() > 2 || args.get(0).key != null
                || (args.size() == 2 && !"body".equals(args.get(1).key))) {
            throw args.error(args.size() == 2 ? args.get(1).at : args.nameAt, "status takes an HTTP status code"
                    + " and optionally a body, e.g. status(503) or status(503, body=\"inventory down\")");
        }
        FaultArgs.Arg a = args.get(0);
        HttpStatusFault status;
        try {
            status = new HttpStatusFault(Integer.parseInt(a.value));
        } catch (NumberFormatException e) {
            throw args.error(a.at, "'" + a.value + "' is not an HTTP status code");
        } catch (IllegalArgumentException e) {
            throw args.error(a.at, e.getMessage());
        }
        return args.size() == 2 ? status.withBody(args.get(1).value) : status;
    }

    /** The HTTP status code of the synthetic response. */
    public int status() {
        return status;
    }

    @Override
    Throwable perform(RuleRuntime rule, ClassLoader loader, String defaultClassName) {
        return new java.io.IOException("chaos: HTTP " + status + " injected by rule " + rule.id
                + " (this client cannot be given a synthetic response)");
    }

    @Override
    public int responseStatus() {
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
