package dev.chaosmonkey.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import dev.chaosmonkey.core.internal.Durations;
import dev.chaosmonkey.core.internal.LogText;

/**
 * Immutable settings of a {@link ChaosMonkey}: safety switches and blast-radius limits.
 *
 * <p>{@link #fromEnvironment()} reads system properties first, then environment variables (a blank property falls
 * back to the variable). Booleans are {@code true} or {@code false} (any case) and nothing else; numbers are whole
 * numbers; durations look like {@code 30s}, {@code 10m}, {@code 24h}. Any other value is an error naming the setting
 * and its value, and the global instance then refuses to enable chaos.
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
    private final String refusal;

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
        this.refusal = b.refusal;
    }

    /** Defaults: disabled, 10 minute expiry, no environment. */
    public static ChaosConfig ofDefaults() {
        return custom().build();
    }

    /** A builder starting from the defaults. */
    public static Builder custom() {
        return new Builder();
    }

    /**
     * Reads system properties and environment variables (see the class comment).
     *
     * @throws IllegalArgumentException naming every invalid setting and its value
     */
    public static ChaosConfig fromEnvironment() {
        return fromSources(System::getProperty, System.getenv());
    }

    /**
     * Reads settings from properties (dotted names) falling back to environment variables (upper snake case).
     *
     * @throws IllegalArgumentException naming every invalid setting and its value
     */
    static ChaosConfig fromSources(Function<String, String> properties, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Builder b = read(properties, env, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid chaos settings: " + e.getMessage());
        }
    }

    /**
     * The settings of the global instance, failing closed: when any setting is invalid the result has the default
     * limits, the environment read on its own, and a {@link #refusal()} that makes {@code enable()} refuse, so chaos
     * stays off rather than running with settings less safe than the ones asked for.
     */
    static ChaosConfig forGlobal(Function<String, String> properties, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Builder b = read(properties, env, problems);
        if (problems.isEmpty()) {
            try {
                return b.build();
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        Builder safe = custom().environment(b.environment);
        safe.refusal = "invalid chaos settings, chaos stays off until they are fixed and the JVM restarts: "
                + String.join("; ", problems);
        return safe.build();
    }

    private static Builder read(Function<String, String> properties, Map<String, String> env,
            List<String> problems) {
        Builder b = custom();
        // the environment first and on its own: whatever else is wrong, the production guard must know it
        b.environment(environmentName(properties, env));
        Boolean flag;
        Duration d;
        Long n;
        if ((flag = bool(properties, env, "chaos.enabled", problems)) != null) {
            b.enabled(flag);
        }
        if ((flag = bool(properties, env, "chaos.allow-production", problems)) != null) {
            b.allowProduction(flag);
        }
        if ((d = duration(properties, env, "chaos.default-duration", problems)) != null) {
            b.defaultDuration(d);
        }
        if ((d = duration(properties, env, "chaos.max-duration", problems)) != null) {
            b.maxDuration(d);
        }
        if ((d = duration(properties, env, "chaos.max-delay", problems)) != null) {
            b.maxDelay(d);
        }
        if ((n = number(properties, env, "chaos.max-rules", 1, Integer.MAX_VALUE, problems)) != null) {
            b.maxRules(n.intValue());
        }
        if ((n = number(properties, env, "chaos.max-injections", 0, Long.MAX_VALUE, problems)) != null) {
            b.maxInjections(n);
        }
        if ((flag = bool(properties, env, "chaos.dry-run", problems)) != null) {
            b.dryRun(flag);
        }
        if ((flag = bool(properties, env, "chaos.jmx", problems)) != null) {
            b.jmx(flag);
        }
        return b;
    }

    private static String variableName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * The property if set, else the variable; a blank property does not hide the variable, and when the two
     * disagree and one of them names production, that one wins (the guard errs on the safe side).
     */
    private static String environmentName(Function<String, String> properties, Map<String, String> env) {
        String property = blankToNull(properties.apply("chaos.environment"));
        String variable = blankToNull(env.get(variableName("chaos.environment")));
        if (property != null && variable != null && !Environments.isProduction(property)
                && Environments.isProduction(variable)) {
            return variable;
        }
        return property != null ? property : variable;
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The trimmed value and the name it was given under; blank counts as unset, so a blank property falls back. */
    private static String[] raw(Function<String, String> properties, Map<String, String> env, String name) {
        String v = properties.apply(name);
        if (v != null && !v.isBlank()) {
            return new String[] {v.trim(), name};
        }
        String var = variableName(name);
        String e = env.get(var);
        if (e != null && !e.isBlank()) {
            return new String[] {e.trim(), var};
        }
        return null;
    }

    private static Boolean bool(Function<String, String> properties, Map<String, String> env, String name,
            List<String> problems) {
        String[] r = raw(properties, env, name);
        if (r == null) {
            return null;
        }
        if (r[0].equalsIgnoreCase("true")) {
            return true;
        }
        if (r[0].equalsIgnoreCase("false")) {
            return false;
        }
        problems.add(r[1] + " must be true or false, was '" + LogText.input(r[0]) + "'");
        return null;
    }

    private static Duration duration(Function<String, String> properties, Map<String, String> env, String name,
            List<String> problems) {
        String[] r = raw(properties, env, name);
        if (r == null) {
            return null;
        }
        Duration d = Durations.parse(r[0]);
        if (d == null) {
            problems.add(r[1] + " must be a duration such as 30s or 10m, was '" + LogText.input(r[0]) + "'");
        }
        return d;
    }

    private static Long number(Function<String, String> properties, Map<String, String> env, String name, long min,
            long max, List<String> problems) {
        String[] r = raw(properties, env, name);
        if (r == null) {
            return null;
        }
        try {
            long n = Long.parseLong(r[0]);
            if (n < min || n > max) {
                problems.add(r[1] + " must be from " + min + " to " + max + ", was '" + LogText.input(r[0]) + "'");
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(r[1] + " must be a whole number, was '" + LogText.input(r[0]) + "'");
            return null;
        }
    }

    /**
     * Why the global instance must not be enabled (its settings were invalid), or {@code null}. Only
     * {@link ChaosMonkey#global()} reads settings this way; configs built in code never carry a refusal.
     */
    String refusal() {
        return refusal;
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

    /** Whether {@link #environment()} names a production environment, by {@link Environments#isProduction(String)}. */
    public boolean isProduction() {
        return Environments.isProduction(environment);
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
        private String refusal;

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
