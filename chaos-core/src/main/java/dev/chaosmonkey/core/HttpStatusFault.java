package dev.chaosmonkey.core;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Answers an HTTP call with a synthetic error response instead of calling the server: one status
 * ({@code status(503)}) or one drawn uniformly per call from a set ({@code status(500|502|503)}). Allowed statuses:
 * 429 and 500-599. Clients that cannot be given a synthetic response get an {@code IOException} naming the status.
 */
public final class HttpStatusFault extends Fault {
    private final int status;
    /** The set drawn from; one element for a single status. */
    private final int[] statuses;

    HttpStatusFault(int status) {
        this(new int[] {status});
    }

    private HttpStatusFault(int[] statuses) {
        for (int s : statuses) {
            if (s != 429 && (s < 500 || s > 599)) {
                throw new IllegalArgumentException("HTTP status must be 429 or 500-599, was " + s);
            }
        }
        this.statuses = statuses;
        this.status = statuses[0];
    }

    /** Parses {@code status(503)} and {@code status(500|502|503)}. */
    static HttpStatusFault parse(FaultArgs args) {
        if (args.size() != 1 || args.get(0).key != null) {
            throw args.error(args.nameAt, "status takes one HTTP status code or a set, e.g. status(503) or"
                    + " status(500|502|503)");
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
        return new HttpStatusFault(codes);
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
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpStatusFault && java.util.Arrays.equals(statuses, ((HttpStatusFault) o).statuses);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(statuses);
    }
}
