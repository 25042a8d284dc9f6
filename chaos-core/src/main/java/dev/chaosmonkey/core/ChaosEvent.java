package dev.chaosmonkey.core;

/**
 * Something that happened to chaos state: a rule armed, fired, expired or disarmed, or chaos enabled or disabled.
 * Events are only created when a listener is registered.
 */
public final class ChaosEvent {

    /** Kinds of events. */
    public enum Type {
        /** A rule was armed. */
        ARMED,
        /** A pending rule's start delay ({@code after=}) elapsed. */
        ACTIVATED,
        /** A rule fired on a call (or would have, in dry-run mode: see {@link #dryRun()}). */
        INJECTED,
        /** A rule used up its budget ({@code max=}). */
        EXHAUSTED,
        /** A rule reached its expiry and was removed. */
        EXPIRED,
        /** A rule was disarmed. */
        DISARMED,
        /** Chaos was enabled. */
        ENABLED,
        /** Chaos was disabled. */
        DISABLED
    }

    private final Type type;
    private final String ruleId;
    private final InjectionPoint point;
    private final String faultKind;
    private final String spec;
    private final long epochMillis;
    private final boolean dryRun;
    private final String scope;
    private final String source;

    /** Creates an event of an unscoped rule; rule fields are {@code null} for ENABLED/DISABLED. */
    public ChaosEvent(Type type, String ruleId, InjectionPoint point, String faultKind, String spec, long epochMillis,
            boolean dryRun) {
        this(type, ruleId, point, faultKind, spec, epochMillis, dryRun, null);
    }

    /** Creates an event; {@code scope} is the rule's {@link ChaosScope} name, {@code null} when unscoped. */
    public ChaosEvent(Type type, String ruleId, InjectionPoint point, String faultKind, String spec, long epochMillis,
            boolean dryRun, String scope) {
        this.scope = scope;
        this.type = type;
        this.ruleId = ruleId;
        this.point = point;
        this.faultKind = faultKind;
        this.spec = spec;
        this.epochMillis = epochMillis;
        this.dryRun = dryRun;
        this.source = sourceOf(type);
    }

    /** Who caused an event of {@code type} raised now: the calling thread's scope, or what the engine did alone. */
    private static String sourceOf(Type type) {
        switch (type) {
            case INJECTED:
                return null; // hot path: not audited, no thread-local read
            case EXPIRED:
                return "expiry";
            case ACTIVATED:
                return "schedule";
            case EXHAUSTED:
                return "budget";
            default:
                return ChaosSource.current();
        }
    }

    /**
     * Who caused the event, for the audit trail: {@code api}, {@code jmx} (with {@code :principal} when the JMX
     * connection is authenticated), {@code agent-options}, {@code config-file:<path>}, {@code actuator:<user>}, or
     * {@code expiry}, {@code schedule}, {@code budget} for what the engine does alone; {@code null} for
     * {@link Type#INJECTED}. See {@link ChaosSource}.
     */
    public String source() {
        return source;
    }

    /** What happened. */
    public Type type() {
        return type;
    }

    /** The rule's id, or {@code null}. */
    public String ruleId() {
        return ruleId;
    }

    /** The rule's point, or {@code null}. */
    public InjectionPoint point() {
        return point;
    }

    /** The rule's fault kind ({@code exception}, {@code delay}, ...), or {@code null}. */
    public String faultKind() {
        return faultKind;
    }

    /** The rule's spec, or {@code null}. */
    public String spec() {
        return spec;
    }

    /** When it happened, epoch milliseconds of the monkey's clock. */
    public long epochMillis() {
        return epochMillis;
    }

    /** For INJECTED: the rule decided to fire but injected nothing because of dry-run mode. */
    public boolean dryRun() {
        return dryRun;
    }

    /** The scope the rule acts in ({@link ChaosRule#scope()}), or {@code null} when it acts on every call. */
    public String scope() {
        return scope;
    }

    @Override
    public String toString() {
        return type + (ruleId == null ? "" : " " + ruleId + " [" + spec + "]") + (dryRun ? " (dry run)" : "");
    }
}
