package dev.chaosmonkey.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.chaosmonkey.core.internal.Durations;

/**
 * An immutable rule: where (point and attribute matchers), what (the fault), when (trigger) and for how long
 * (limits). Build one with {@link #on(InjectionPoint)} or parse one with {@link #parse(String)}; arm it with
 * {@link ChaosMonkey#arm(ChaosRule)}.
 *
 * <p>Triggers combine: a matching call fires when it is among the first {@code first} calls, is an
 * {@code every}-th call, and wins the {@code p} draw. With a {@code seed}, draws depend only on the call's index, so a
 * single-threaded run is reproducible.
 */
public final class ChaosRule {
    /** Default probability: every matching call. */
    public static final double DEFAULT_PROBABILITY = 1.0;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final String id;
    private final InjectionPoint point;
    private final List<AttributeMatcher> matchers;
    private final Fault fault;
    private final double probability;
    private final long everyNth;
    private final long firstN;
    private final Long seed;
    private final long maxInjections;
    private final Duration startAfter;
    private final Duration duration;
    /** Time over which the probability rises linearly from 0 to its value once the rule acts, or {@code null}. */
    private final Duration ramp;
    private final boolean dryRun;
    private final String scope;

    private ChaosRule(Builder b) {
        this.id = b.id;
        this.point = b.point;
        this.matchers = List.copyOf(b.matchers);
        this.fault = b.fault;
        this.probability = b.probability;
        this.everyNth = b.everyNth;
        this.firstN = b.firstN;
        this.seed = b.seed;
        this.maxInjections = b.maxInjections;
        this.startAfter = b.startAfter;
        this.ramp = b.ramp;
        this.duration = b.duration;
        this.dryRun = b.dryRun;
        this.scope = b.scope;
    }

    /** Starts a rule at a point. */
    public static Builder on(InjectionPoint point) {
        return new Builder(point);
    }

    /** Parses a rule from the spec format; see {@link FaultSpec}. */
    public static ChaosRule parse(String spec) {
        return FaultSpec.parse(spec);
    }

    /** The user-chosen id, or {@code null} to let {@link ChaosMonkey} assign one. */
    public String id() {
        return id;
    }

    /** Where the rule applies. */
    public InjectionPoint point() {
        return point;
    }

    /** All matchers must accept a call for the rule to consider it. */
    public List<AttributeMatcher> matchers() {
        return matchers;
    }

    /** What happens when the rule fires. */
    public Fault fault() {
        return fault;
    }

    /** Chance that a matching call fires, 0..1. */
    public double probability() {
        return probability;
    }

    /** Fire only on every n-th matching call (0: off). */
    public long everyNth() {
        return everyNth;
    }

    /** Fire only among the first n matching calls (0: off). */
    public long firstN() {
        return firstN;
    }

    /** Seed for reproducible probability draws, or {@code null} for a thread-local random. */
    public Long seed() {
        return seed;
    }

    /** Budget: the rule stops after this many injections (0: unlimited). */
    public long maxInjections() {
        return maxInjections;
    }

    /** Delay between arming and activation, or {@code null} for immediately. */
    public Duration startAfter() {
        return startAfter;
    }

    /**
     * The intensity ramp ({@code ramp=2m}): the firing probability rises linearly from 0 to {@link #probability()}
     * over this time, counted from when the rule starts acting (after {@code after=}); {@code null} for none.
     */
    public Duration ramp() {
        return ramp;
    }

    /** How long the rule stays armed, or {@code null} for the monkey's default expiry. */
    public Duration duration() {
        return duration;
    }

    /** Decide and record, but never inject. */
    public boolean dryRun() {
        return dryRun;
    }

    /**
     * The {@link ChaosScope} the rule is limited to, or {@code null} when it acts on every call of the process (the
     * default). A scoped rule fires only for calls made while a scope of that name is current on the calling thread.
     */
    public String scope() {
        return scope;
    }

    /** A builder initialised with this rule's values. */
    public Builder toBuilder() {
        Builder b = new Builder(point);
        b.id = id;
        b.matchers.addAll(matchers);
        b.fault = fault;
        b.probability = probability;
        b.everyNth = everyNth;
        b.firstN = firstN;
        b.seed = seed;
        b.maxInjections = maxInjections;
        b.startAfter = startAfter;
        b.ramp = ramp;
        b.duration = duration;
        b.dryRun = dryRun;
        b.scope = scope;
        return b;
    }

    /**
     * The rule in canonical spec form. {@code ChaosRule.parse(rule.toSpec())} equals {@code rule}, and a canonical
     * spec renders back to itself.
     */
    public String toSpec() {
        StringBuilder sb = new StringBuilder(point.specName());
        for (AttributeMatcher m : matchers) {
            sb.append(' ').append(m.toSpec());
        }
        sb.append(" -> ").append(fault.toSpec());
        for (RuleOption o : RuleOption.values()) {
            String value = o.render(this);
            if (value != null) {
                sb.append(' ').append(o.specName()).append(o.takesValue() ? "=" + value : "");
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return toSpec();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ChaosRule)) {
            return false;
        }
        ChaosRule r = (ChaosRule) o;
        return Objects.equals(id, r.id) && point == r.point && matchers.equals(r.matchers) && fault.equals(r.fault)
                && Double.compare(probability, r.probability) == 0 && everyNth == r.everyNth && firstN == r.firstN
                && Objects.equals(seed, r.seed) && maxInjections == r.maxInjections
                && Objects.equals(startAfter, r.startAfter) && Objects.equals(duration, r.duration)
                && Objects.equals(ramp, r.ramp) && dryRun == r.dryRun && Objects.equals(scope, r.scope);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, point, matchers, fault, probability, everyNth, firstN, seed, maxInjections,
                startAfter, duration, ramp, dryRun, scope);
    }

    /** Builds a {@link ChaosRule}; {@link #build()} validates everything and names the first problem. */
    public static final class Builder {
        private final InjectionPoint point;
        private final List<AttributeMatcher> matchers = new ArrayList<>();
        private String id;
        private Fault fault;
        private double probability = DEFAULT_PROBABILITY;
        private long everyNth;
        private long firstN;
        private Long seed;
        private long maxInjections;
        private Duration startAfter;
        private Duration duration;
        private Duration ramp;
        private boolean dryRun;
        private String scope;

        private Builder(InjectionPoint point) {
            this.point = Objects.requireNonNull(point, "point");
        }

        /** Names the rule (letters, digits, {@code _ . -}; at most 64). */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** Adds an attribute matcher. */
        public Builder where(AttributeMatcher matcher) {
            matchers.add(Objects.requireNonNull(matcher, "matcher"));
            return this;
        }

        /** Adds a glob matcher {@code attribute=glob}. */
        public Builder where(String attribute, String glob) {
            return where(AttributeMatcher.equalTo(attribute, glob));
        }

        /** Sets the fault. */
        public Builder fault(Fault fault) {
            this.fault = fault;
            return this;
        }

        /** Sets the firing probability, 0..1. */
        public Builder probability(double probability) {
            this.probability = probability;
            return this;
        }

        /** Fires on every n-th matching call only. */
        public Builder everyNth(long n) {
            this.everyNth = n;
            return this;
        }

        /** Fires among the first n matching calls only. */
        public Builder firstN(long n) {
            this.firstN = n;
            return this;
        }

        /** Makes probability draws reproducible. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Stops the rule after this many injections. */
        public Builder maxInjections(long max) {
            this.maxInjections = max;
            return this;
        }

        /** Raises the probability linearly from 0 to its value over {@code ramp} once the rule acts. */
        public Builder ramp(Duration ramp) {
            this.ramp = ramp;
            return this;
        }

        /** Activates the rule this long after arming. */
        public Builder startAfter(Duration delay) {
            this.startAfter = delay;
            return this;
        }

        /** Disarms the rule this long after arming (instead of the default expiry). */
        public Builder duration(Duration duration) {
            this.duration = duration;
            return this;
        }

        /** Decide and record without injecting. */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /**
         * Limits the rule to calls made inside the {@link ChaosScope} {@code name} (letters, digits, {@code _ . -};
         * at most 64); {@code null} for a process-wide rule. Resource faults cannot be scoped: they act on the
         * whole process.
         */
        public Builder scope(String name) {
            this.scope = name;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the first problem
         */
        public ChaosRule build() {
            if (fault == null) {
                throw new IllegalArgumentException("a rule needs a fault");
            }
            if (id != null && !ID.matcher(id).matches()) {
                throw new IllegalArgumentException("rule id '" + id
                        + "' must be 1-64 letters, digits, '_', '.' or '-'");
            }
            if (scope != null && !ChaosScope.isValidName(scope)) {
                throw new IllegalArgumentException("scope '" + scope
                        + "' must be 1-64 letters, digits, '_', '.' or '-'");
            }
            if (scope != null && point == InjectionPoint.RESOURCE) {
                throw new IllegalArgumentException("a resource fault acts on the whole process and cannot be scoped"
                        + " (remove scope=" + scope + ")");
            }
            for (AttributeMatcher m : matchers) {
                m.validateFor(point);
            }
            fault.validateFor(point);
            if (!(probability >= 0.0 && probability <= 1.0)) {
                throw new IllegalArgumentException("probability must be between 0 and 1, was " + probability);
            }
            if (everyNth < 0) {
                throw new IllegalArgumentException("every must be positive, was " + everyNth);
            }
            if (firstN < 0) {
                throw new IllegalArgumentException("first must be positive, was " + firstN);
            }
            if (maxInjections < 0) {
                throw new IllegalArgumentException("max must be positive, was " + maxInjections);
            }
            if (startAfter != null && startAfter.isNegative()) {
                throw new IllegalArgumentException("after must not be negative, was " + startAfter);
            }
            if (ramp != null && (ramp.isNegative() || ramp.isZero())) {
                throw new IllegalArgumentException("ramp must be positive, was " + Durations.format(ramp));
            }
            if (duration != null && (duration.isNegative() || duration.isZero())) {
                throw new IllegalArgumentException("for must be positive, was " + Durations.format(duration));
            }
            if (point == InjectionPoint.RESOURCE && !matchers.isEmpty()) {
                throw new IllegalArgumentException("the resource point has no attributes to match");
            }
            return new ChaosRule(this);
        }
    }
}
