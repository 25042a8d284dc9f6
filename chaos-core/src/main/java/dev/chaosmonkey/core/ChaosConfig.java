package dev.chaosmonkey.core;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import dev.chaosmonkey.core.internal.Durations;

/**
 * Immutable settings of a {@link ChaosMonkey}: safety switches and blast-radius limits.
 *
 * <p>{@link #fromEnvironment()} reads system properties first, then environment variables:
 * <table>
 *   <caption>settings</caption>
 *   <tr><th>property</th><th>variable</th><th>default</th></tr>
 *   <tr><td>chaos.enabled</td><td>CHAOS_ENABLED</td><td>false</td></tr>
 *   <tr><td>chaos.environment</td><td>CHAOS_ENVIRONMENT</td><td>(none)</td></tr>
 *   <tr><td>chaos.allow-production</td><td>CHAOS_ALLOW_PRODUCTION</td><td>false</td></tr>
 *   <tr><td>chaos.default-duration</td><td>CHAOS_DEFAULT_DURATION</td><td>10m</td></tr>
 *   <tr><td>chaos.max-duration</td><td>CHAOS_MAX_DURATION</td><td>24h</td></tr>
 *   <tr><td>chaos.max-delay</td><td>CHAOS_MAX_DELAY</td><td>5m</td></tr>
 *   <tr><td>chaos.max-rules</td><td>CHAOS_MAX_RULES</td><td>100</td></tr>
 *   <tr><td>chaos.max-injections</td><td>CHAOS_MAX_INJECTIONS</td><td>0 (unlimited)</td></tr>
 *   <tr><td>chaos.dry-run</td><td>CHAOS_DRY_RUN</td><td>false</td></tr>
 *   <tr><td>chaos.jmx</td><td>CHAOS_JMX</td><td>true (global instance only)</td></tr>
 * </table>
 */
public final class ChaosConfig {
    /** Rules without {@code for=} expire after this ({@code chaos.default-duration} unless set). */
    public static final Duration DEFAULT_RULE_DURATION = Duration.ofMinutes(10);
    /**
     * Rules without {@code for=} expire after this.
     *
     * @deprecated the name stuttered; use {@link #DEFAULT_RULE_DURATION}
     */
    @Deprecated
    public static final Duration DEFAULT_DEFAULT_DURATION = DEFAULT_RULE_DURATION;
    /** Longest {@code for=} accepted. */
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(24);
    /** Longest delay or timeout bound accepted. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMinutes(5);
    /** Most rules armed at once. */
    public static final int DEFAULT_MAX_RULES = 100;

    private final boolean enabled;
    private final String environment;
    private final boolean allowProduction;
    private final Duration defaultDuration;
    private final Duration maxDuration;
    private final Duration maxDelay;
    private final int maxRules;
    private final long maxInjections;
    private final boolean dryRun;
    private final boolean jmx;
    private final ChaosClock clock;

    private ChaosConfig(Builder b) {
        this.enabled = b.enabled;
        this.environment = b.environment;
        this.allowProduction = b.allowProduction;
        this.defaultDuration = b.defaultDuration;
        this.maxDuration = b.maxDuration;
        this.maxDelay = b.maxDelay;
        this.maxRules = b.maxRules;
        this.maxInjections = b.maxInjections;
        this.dryRun = b.dryRun;
        this.jmx = b.jmx;
        this.clock = b.clock;
    }

    /** Defaults: disabled, 10 minute expiry, no environment. */
    public static ChaosConfig ofDefaults() {
        return custom().build();
    }

    /** A builder starting from the defaults. */
    public static Builder custom() {
        return new Builder();
    }

    /** Reads system properties and environment variables (see the class comment). */
    public static ChaosConfig fromEnvironment() {
        return fromSources(System::getProperty, System.getenv());
    }

    /** Reads settings from properties (dotted names) falling back to environment variables (upper snake case). */
    static ChaosConfig fromSources(Function<String, String> properties, Map<String, String> env) {
        Function<String, String> get = name -> {
            String v = properties.apply(name);
            if (v == null) {
                v = env.get(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
            }
            return v == null || v.isBlank() ? null : v.trim();
        };
        Builder b = custom();
        String v;
        if ((v = get.apply("chaos.enabled")) != null) {
            b.enabled(bool("chaos.enabled", v));
        }
        b.environment(get.apply("chaos.environment"));
        if ((v = get.apply("chaos.allow-production")) != null) {
            b.allowProduction(bool("chaos.allow-production", v));
        }
        if ((v = get.apply("chaos.default-duration")) != null) {
            b.defaultDuration(duration("chaos.default-duration", v));
        }
        if ((v = get.apply("chaos.max-duration")) != null) {
            b.maxDuration(duration("chaos.max-duration", v));
        }
        if ((v = get.apply("chaos.max-delay")) != null) {
            b.maxDelay(duration("chaos.max-delay", v));
        }
        if ((v = get.apply("chaos.max-rules")) != null) {
            b.maxRules((int) number("chaos.max-rules", v));
        }
        if ((v = get.apply("chaos.max-injections")) != null) {
            b.maxInjections(number("chaos.max-injections", v));
        }
        if ((v = get.apply("chaos.dry-run")) != null) {
            b.dryRun(bool("chaos.dry-run", v));
        }
        if ((v = get.apply("chaos.jmx")) != null) {
            b.jmx(bool("chaos.jmx", v));
        }
        return b.build();
    }

    private static boolean bool(String name, String v) {
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(name + " must be true or false, was '" + v + "'");
    }

    private static Duration duration(String name, String v) {
        Duration d = Durations.parse(v);
        if (d == null) {
            throw new IllegalArgumentException(name + " must be a duration such as 30s or 10m, was '" + v + "'");
        }
        return d;
    }

    private static long number(String name, String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + v + "'");
        }
    }

    /** Whether chaos starts enabled. */
    public boolean enabled() {
        return enabled;
    }

    /** Name of the environment (e.g. {@code staging}), or {@code null}. */
    public String environment() {
        return environment;
    }

    /** Whether chaos may be enabled in an environment named like production. */
    public boolean allowProduction() {
        return allowProduction;
    }

    /** Expiry of rules armed without {@code for=}. */
    public Duration defaultDuration() {
        return defaultDuration;
    }

    /** Longest {@code for=} accepted. */
    public Duration maxDuration() {
        return maxDuration;
    }

    /** Longest delay or timeout accepted. */
    public Duration maxDelay() {
        return maxDelay;
    }

    /** Most rules armed at once. */
    public int maxRules() {
        return maxRules;
    }

    /** Total injections across all rules before the monkey stops injecting (0: unlimited). */
    public long maxInjections() {
        return maxInjections;
    }

    /** Whether every rule runs in dry-run mode. */
    public boolean dryRun() {
        return dryRun;
    }

    /** Whether the global monkey registers its MBean. */
    public boolean jmx() {
        return jmx;
    }

    /** The clock for expiry and activation. */
    public ChaosClock clock() {
        return clock;
    }

    /** Whether {@link #environment()} names a production environment ({@code prod}, {@code production}, {@code prd}, {@code live}, or one of those followed by - or _). */
    public boolean isProduction() {
        if (environment == null) {
            return false;
        }
        String e = environment.toLowerCase(Locale.ROOT);
        for (String name : new String[] {"prod", "production", "prd", "live"}) {
            if (e.equals(name) || e.startsWith(name + "-") || e.startsWith(name + "_")) {
                return true;
            }
        }
        return false;
    }

    /** A builder initialised with these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.enabled = enabled;
        b.environment = environment;
        b.allowProduction = allowProduction;
        b.defaultDuration = defaultDuration;
        b.maxDuration = maxDuration;
        b.maxDelay = maxDelay;
        b.maxRules = maxRules;
        b.maxInjections = maxInjections;
        b.dryRun = dryRun;
        b.jmx = jmx;
        b.clock = clock;
        return b;
    }

    /** Builds a {@link ChaosConfig}. */
    public static final class Builder {
        private boolean enabled;
        private String environment;
        private boolean allowProduction;
        private Duration defaultDuration = DEFAULT_RULE_DURATION;
        private Duration maxDuration = DEFAULT_MAX_DURATION;
        private Duration maxDelay = DEFAULT_MAX_DELAY;
        private int maxRules = DEFAULT_MAX_RULES;
        private long maxInjections;
        private boolean dryRun;
        private boolean jmx = true;
        private ChaosClock clock = ChaosClock.system();

        private Builder() {
        }

        /** Start enabled (still refused in production unless allowed). */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** Names the environment. */
        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        /** Allows enabling chaos in production environments. */
        public Builder allowProduction(boolean allow) {
            this.allowProduction = allow;
            return this;
        }

        /** Expiry for rules without {@code for=}. */
        public Builder defaultDuration(Duration d) {
            this.defaultDuration = d;
            return this;
        }

        /** Longest accepted {@code for=}. */
        public Builder maxDuration(Duration d) {
            this.maxDuration = d;
            return this;
        }

        /** Longest accepted delay or timeout. */
        public Builder maxDelay(Duration d) {
            this.maxDelay = d;
            return this;
        }

        /** Most rules armed at once. */
        public Builder maxRules(int max) {
            this.maxRules = max;
            return this;
        }

        /** Global injection budget (0: unlimited). */
        public Builder maxInjections(long max) {
            this.maxInjections = max;
            return this;
        }

        /** Dry-run every rule. */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** Register the MBean (global instance only). */
        public Builder jmx(boolean jmx) {
            this.jmx = jmx;
            return this;
        }

        /** Clock for timers; tests pass a manual clock. */
        public Builder clock(ChaosClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Validates and builds. */
        public ChaosConfig build() {
            positive("default duration", defaultDuration);
            positive("max duration", maxDuration);
            positive("max delay", maxDelay);
            if (defaultDuration.compareTo(maxDuration) > 0) {
                throw new IllegalArgumentException("default duration " + Durations.format(defaultDuration)
                        + " exceeds max duration " + Durations.format(maxDuration));
            }
            if (maxRules < 1) {
                throw new IllegalArgumentException("max rules must be at least 1, was " + maxRules);
            }
            if (maxInjections < 0) {
                throw new IllegalArgumentException("max injections must not be negative, was " + maxInjections);
            }
            return new ChaosConfig(this);
        }

        private static void positive(String what, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + d);
            }
        }
    }
}
