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
