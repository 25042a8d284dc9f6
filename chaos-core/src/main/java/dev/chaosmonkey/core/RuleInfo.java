package dev.chaosmonkey.core;

import java.util.Map;

import javax.management.ConstructorParameters;

/**
 * A snapshot of an armed rule and its counters. Uses only JDK types so that JMX clients (jconsole, jmxterm) can read
 * it as open data.
 */
public final class RuleInfo {
    private final String id;
    private final String spec;
    private final String point;
    private final String fault;
    private final String state;
    private final boolean dryRun;
    private final long matched;
    private final long injected;
    private final long skipped;
    private final String armedAt;
    private final String expiresAt;
    private final Map<String, Long> holdings;
    private final String scope;

    /** Creates a snapshot of an unscoped rule. */
    public RuleInfo(String id, String spec, String point, String fault, String state, boolean dryRun, long matched,
            long injected, long skipped, String armedAt, String expiresAt, Map<String, Long> holdings) {
        this(id, spec, point, fault, state, dryRun, matched, injected, skipped, armedAt, expiresAt, holdings, null);
    }

    /** Creates a snapshot; {@code scope} is {@code null} for a rule that acts on every call. */
    @ConstructorParameters({"id", "spec", "point", "fault", "state", "dryRun", "matched", "injected", "skipped",
        "armedAt", "expiresAt", "holdings", "scope"})
    public RuleInfo(String id, String spec, String point, String fault, String state, boolean dryRun, long matched,
            long injected, long skipped, String armedAt, String expiresAt, Map<String, Long> holdings,
            String scope) {
        this.id = id;
        this.spec = spec;
        this.point = point;
        this.fault = fault;
        this.state = state;
        this.dryRun = dryRun;
        this.matched = matched;
        this.injected = injected;
        this.skipped = skipped;
        this.armedAt = armedAt;
        this.expiresAt = expiresAt;
        this.holdings = Map.copyOf(holdings);
        this.scope = scope;
    }

    /** The {@link ChaosScope} the rule acts in, or {@code null} when it acts on every call. */
    public String getScope() {
        return scope;
    }

    /** Rule id. */
    public String getId() {
        return id;
    }

    /** Canonical spec. */
    public String getSpec() {
        return spec;
    }

    /** Injection point spec name. */
    public String getPoint() {
        return point;
    }

    /** Fault kind. */
    public String getFault() {
        return fault;
    }

    /**
     * PENDING (waiting for after=), ACTIVE (injecting), SUSPENDED (would be active, but chaos is disabled: it injects
     * nothing until chaos is enabled), or EXHAUSTED (budget used up).
     */
    public String getState() {
        return state;
    }

    /** Whether the rule only records what it would inject. */
    public boolean isDryRun() {
        return dryRun;
    }

    /** Calls that satisfied the matchers while the rule was active. */
    public long getMatched() {
        return matched;
    }

    /** Calls the rule fired on (in dry-run mode: would have fired on). */
    public long getInjected() {
        return injected;
    }

    /** Matched calls the trigger or a budget let pass. */
    public long getSkipped() {
        return skipped;
    }

    /** When the rule was armed, ISO-8601 instant. */
    public String getArmedAt() {
        return armedAt;
    }

    /** When the rule expires, ISO-8601 instant. */
    public String getExpiresAt() {
        return expiresAt;
    }

    /** What a resource fault holds (e.g. bytesRetained); empty for call faults. */
    public Map<String, Long> getHoldings() {
        return holdings;
    }

    @Override
    public String toString() {
        return id + " " + state + " matched=" + matched + " injected=" + injected + " skipped=" + skipped + " : "
                + spec + (holdings.isEmpty() ? "" : " holds " + holdings);
    }
}
