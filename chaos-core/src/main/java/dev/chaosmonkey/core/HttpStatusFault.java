package dev.chaosmonkey.core;

/**
 * Answers an HTTP call with a synthetic error response instead of calling the server. Allowed statuses: 429 and
 * 500-599. Clients that cannot be given a synthetic response get an {@code IOException} naming the status.
 */
public final class HttpStatusFault extends Fault {
    private final int status;

    HttpStatusFault(int status) {
        if (status != 429 && (status < 500 || status > 599)) {
            throw new IllegalArgumentException("HTTP status must be 429 or 500-599, was " + status);
        }
        this.status = status;
    }

    /** Parses {@code status(503)}. */
    static HttpStatusFault parse(FaultArgs args) {
        if (args.size() != 1 || args.get(0).key != null) {
            throw args.error(args.nameAt, "status takes one HTTP status code, e.g. status(503)");
        }
        FaultArgs.Arg a = args.get(0);
        try {
            return new HttpStatusFault(Integer.parseInt(a.value));
        } catch (NumberFormatException e) {
            throw args.error(a.at, "'" + a.value + "' is not an HTTP status code");
        } catch (IllegalArgumentException e) {
            throw args.error(a.at, e.getMessage());
        }
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
        return "status(" + status + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpStatusFault && status == ((HttpStatusFault) o).status;
    }

    @Override
    public int hashCode() {
        return status;
    }
}
