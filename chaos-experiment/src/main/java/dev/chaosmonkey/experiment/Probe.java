package dev.chaosmonkey.experiment;

import java.time.Duration;

/** A steady-state probe the runner samples at a fixed rate. Implementations must be thread-safe. */
public interface Probe {

    /** Unique name. */
    String name();

    /** Sample spacing. */
    Duration interval();

    /** A sample slower than this is FAILED. */
    Duration timeout();

    /** The target this probe belongs to, or {@code null}. */
    default String target() {
        return null;
    }

    /**
     * Takes one sample.
     *
     * @return the outcome with the reason when it is not healthy
     * @throws Exception counted as FAILED with the exception as the reason
     */
    Result sample() throws Exception;

    /**
     * What one sample saw.
     *
     * @param outcome the outcome
     * @param detail why it is not healthy, or {@code null}
     */
    record Result(Outcome outcome, String detail) {
        /** Healthy. */
        public static final Result HEALTHY = new Result(Outcome.HEALTHY, null);

        /** Failed for {@code why}. */
        public static Result failed(String why) {
            return new Result(Outcome.FAILED, why);
        }
    }
}
