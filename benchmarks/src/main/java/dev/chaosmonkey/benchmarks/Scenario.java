package dev.chaosmonkey.benchmarks;

import java.util.List;

import com.example.bench.WovenTarget;

/**
 * What is armed while a woven or core call is measured. Each scenario arms one rule for the JDBC point and one for
 * the method point (or none), so one fork measures both benchmark calls under the same scenario.
 */
public enum Scenario {
    /** Nothing armed: the disarmed fast path (one volatile read per call). */
    DISARMED("disarmed"),
    /** Armed, but on a point the measured calls do not pass through (HTTP). */
    OTHER_POINT("armed, other point",
            "http host=unreachable.invalid -> exception for=1h"),
    /** Armed on the same point, with a matcher that never matches the measured calls. */
    NON_MATCHING("armed, same point, non-matching matcher",
            "jdbc sql~\"^never matches\" -> exception(java.sql.SQLTransientConnectionException, \"bench\") for=1h",
            "method class=" + WovenTarget.CLASS_NAME + " method=" + WovenTarget.OTHER_METHOD_NAME
                    + " -> exception for=1h"),
    /** Armed on the same point, matching every call, with probability 0: evaluated on each call, never fires. */
    P_ZERO("armed, same point, p=0",
            "jdbc -> exception(java.sql.SQLTransientConnectionException, \"bench\") p=0 for=1h",
            "method class=" + WovenTarget.CLASS_NAME + " method=" + WovenTarget.METHOD_NAME
                    + " -> exception p=0 for=1h");

    private final String label;
    private final List<String> specs;

    Scenario(String label, String... specs) {
        this.label = label;
        this.specs = List.of(specs);
    }

    /** Human-readable description for reports. */
    public String label() {
        return label;
    }

    /** The fault specs this scenario arms (empty when disarmed). */
    public List<String> specs() {
        return specs;
    }

    /**
     * The chaos agent's option string arming this scenario's rules at start: {@code enabled=true;spec=...;spec=...}.
     * Specs are separated by {@code ;}, which never occurs inside them.
     */
    public String agentOptions() {
        StringBuilder options = new StringBuilder("enabled=true");
        for (String spec : specs) {
            options.append(";spec=").append(spec);
        }
        return options.toString();
    }
}
