package dev.chaosmonkey.core;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import dev.chaosmonkey.core.internal.Specs;

/**
 * Answers an HTTP call with a synthetic error response instead of calling the server: one status
 * ({@code status(503)}) or one drawn uniformly per call from a set ({@code status(500|502|503)}), its standard
 * reason phrase, a {@code text/plain} body (by default one naming the rule; {@code status(503, body="...")} gives
 * one, {@code body=""} an empty one; a set combines with it: {@code status(500|503, body="x")}) and its
 * {@code Content-Type}/{@code Content-Length} headers. Allowed statuses:
 * 429 and 500-599. Clients that cannot be given a synthetic response get an {@code IOException} naming the status.
 */
public final class HttpStatusFault extends Fault {
    private final int status;
    /** The set drawn from; one element for a single status. */
    private final int[] statuses;
    private final String body;

    HttpStatusFault(int status) {
        this(new int[] {status}, null);
    }

    private HttpStatusFault(int[] statuses, String body) {
        for (int s : statuses) {
            if (s != 429 && (s < 500 || s > 599)) {
                throw new IllegalArgumentException("HTTP status must be 429 or 500-599, was " + s);
            }
        }
        this.statuses = statuses;
        this.status = statuses[0];
        this.body = body;
    }

    /** The same status (or set) answered with this body ({@code ""} for an empty one). */
    public HttpStatusFault withBody(String responseBody) {
        return new HttpStatusFault(statuses, Objects.requireNonNull(responseBody, "responseBody"));
    }

    /** The body of the synthetic response, or {@code null} for the default one naming the rule. */
    public String body() {
        return body;
    }

    /**
     * Parses {@code status(503)}, {@code status(500|502|503)}, each optionally with {@code body="..."}, e.g.
     * {@code status(500|503, body="inventory down")}.
     */
    static HttpStatusFault parse(FaultArgs args) {
        if (args.isEmpty() || args.size() > 2 || args.get(0).key != null
                || (args.size() == 2 && !"body".equals(args.get(1).key))) {
            throw args.error(args.size() == 2 ? args.get(1).at : args.nameAt, "status takes an HTTP status code"
                    + " and optionally a body, the code alone or a set, e.g. status(503), status(500|502|503) or"
                    + " status(500|503, body=\"inventory down\")");
        }
        FaultArgs.Arg a = args.get(0);
        String[] parts = a.value.split("\\|", -1);
        int[] codes = new int[parts.length];
        int at = a.at;
        for (int i = 0; i < parts.length; i++) {
            try {
                codes[i] = Integer.parseInt(parts[i]);
                new HttpStatusFault(codes[i]);
            } catch (NumberFormatException e) {
                throw args.error(at, "'" + parts[i] + "' is not an HTTP status code");
            } catch (IllegalArgumentException e) {
                throw args.error(at, e.getMessage());
            }
            for (int j = 0; j < i; j++) {
                if (codes[j] == codes[i]) {
                    throw args.error(at, "status " + codes[i] + " given twice in the set");
                }
            }
            at += parts[i].length() + 1;
        }
        HttpStatusFault status = new HttpStatusFault(codes, null);
        return args.size() == 2 ? status.withBody(args.get(1).value) : status;
    }

    /**
     * The HTTP status code of the synthetic response: the one status, or for a set one drawn uniformly per call
     * (call once per response).
     */
    public int status() {
        return statuses.length == 1 ? status : statuses[ThreadLocalRandom.current().nextInt(statuses.length)];
    }

    /** The statuses this fault answers with (one, or the set drawn from). */
    public java.util.List<Integer> statuses() {
        return java.util.Arrays.stream(statuses).boxed().collect(java.util.stream.Collectors.toUnmodifiableList());
    }

    @Override
    Throwable perform(RuleRuntime rule, ClassLoader loader, String defaultClassName) {
        return new java.io.IOException("chaos: HTTP " + status() + " injected by rule " + rule.id
                + " (this client cannot be given a synthetic response)");
    }

    @Override
    public int responseStatus() {
        return status();
    }

    @Override
    public String kind() {
        return "status";
    }

    @Override
    void validateFor(InjectionPoint point) {
        if (point != InjectionPoint.HTTP) {
            throw new IllegalArgumentException(toSpec() + " only applies to the http point, not "
                    + point.specName());
        }
    }

    @Override
    public String toSpec() {
        StringBuilder sb = new StringBuilder("status(");
        for (int i = 0; i < statuses.length; i++) {
            sb.append(i == 0 ? "" : "|").append(statuses[i]);
        }
        if (body != null) {
            sb.append(", body=").append(Specs.quote(body));
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpStatusFault && java.util.Arrays.equals(statuses, ((HttpStatusFault) o).statuses)
                && Objects.equals(body, ((HttpStatusFault) o).body);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(statuses) * 31 + Objects.hashCode(body);
    }
}
