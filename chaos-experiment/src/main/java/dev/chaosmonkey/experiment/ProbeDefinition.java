package dev.chaosmonkey.experiment;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A steady-state probe as declared in an experiment.
 *
 * @param name unique name
 * @param interval sample spacing (fixed rate)
 * @param timeout a sample slower than this is FAILED
 * @param target the {@code --target} this probe belongs to, or {@code null}
 * @param check what the probe checks
 */
public record ProbeDefinition(String name, Duration interval, Duration timeout, String target, Check check) {
    /** Default interval. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(500);
    /** Default timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    /** What a probe checks. */
    public sealed interface Check permits Http, Jmx, Meter, CircuitBreaker {
        /** The kind's key in experiment files. */
        String kind();
    }

    /**
     * An HTTP request.
     *
     * @param url http or https URL
     * @param method request method
     * @param status expected status
     * @param maxLatency slower answers are FAILED, or {@code null}
     * @param bodyContains text the body must contain, or {@code null}
     * @param degradedBodyContains text that marks a fallback answer (DEGRADED), or {@code null}
     */
    public record Http(String url, String method, int status, Duration maxLatency, String bodyContains,
            String degradedBodyContains) implements Check {
        @Override
        public String kind() {
            return "http";
        }
    }

    /**
     * A JMX attribute of the target (or of this JVM, in-process).
     *
     * @param mbean object name
     * @param attribute attribute name
     * @param comparison what the value must satisfy
     */
    public record Jmx(String mbean, String attribute, Comparison comparison) implements Check {
        @Override
        public String kind() {
            return "jmx";
        }
    }

    /**
     * A Micrometer meter in {@code Metrics.globalRegistry} (in-process only).
     *
     * @param name meter name
     * @param tags required tags
     * @param statistic {@code value}, {@code count}, {@code total}, {@code mean} or {@code max}
     * @param comparison what the value must satisfy
     */
    public record Meter(String name, Map<String, String> tags, String statistic, Comparison comparison)
            implements Check {
        @Override
        public String kind() {
            return "meter";
        }
    }

    /**
     * A Resilience4j circuit breaker's state, read from its Micrometer state gauge (in-process only).
     *
     * @param name the breaker's name
     * @param healthy states that count as healthy
     * @param degraded states that count as degraded; any other is FAILED
     */
    public record CircuitBreaker(String name, List<String> healthy, List<String> degraded) implements Check {
        @Override
        public String kind() {
            return "circuitBreaker";
        }
    }
}
