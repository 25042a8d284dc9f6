package dev.chaosmonkey.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.chaosmonkey.core.ChaosConfig;

/**
 * The {@code chaos.*} properties of the starter. The switches and limits mirror chaos-core's settings (the same names
 * as its system properties); {@link #toConfig(String)} turns them into a {@link ChaosConfig}.
 *
 * <p>Chaos stays off unless {@code chaos.enabled=true}. {@code chaos.rules} are armed at start, all or nothing.
 */
@ConfigurationProperties(prefix = "chaos")
public class ChaosProperties {

    /** Whether chaos is enabled at start. Armed rules inject nothing while chaos is disabled. */
    private boolean enabled = false;

    /**
     * Name of the environment, checked by the production guard. Default: derived from the active profiles (the first
     * profile that names production, otherwise the first active profile).
     */
    private String environment;

    /** Whether chaos may be enabled in an environment or profile named like production (prod, production, prd, live). */
    private boolean allowProduction = false;

    /** Expiry of rules armed without for=. */
    private Duration defaultDuration = Duration.ofMinutes(10);

    /** Longest for= accepted. */
    private Duration maxDuration = Duration.ofHours(24);

    /** Longest delay or timeout bound accepted. */
    private Duration maxDelay = Duration.ofMinutes(5);

    /** Most rules armed at once. */
    private int maxRules = 100;

    /** Global injection budget, 0 for unlimited. */
    private long maxInjections = 0;

    /** Whether every rule only records what it would inject (counters, events, metrics) and injects nothing. */
    private boolean dryRun = false;

    /** Whether the JVM's chaos state registers its MBean (dev.chaosmonkey:type=ChaosMonkey). */
    private boolean jmx = true;

    /** Fault specs armed at start, all or nothing (the chaos-core spec format, one rule per entry). */
    private List<String> rules = new ArrayList<>();

    /**
     * Whether a rule in chaos.rules that does not parse or cannot be armed fails the start-up. When false the error is
     * logged and no rule of chaos.rules is armed.
     */
    private boolean failOnInvalidRules = true;

    private final Security security = new Security();
    private final Health health = new Health();
    private final Jdbc jdbc = new Jdbc();
    private final Http http = new Http();
    private final Kafka kafka = new Kafka();
    private final Method method = new Method();
    private final Scope scope = new Scope();

    /**
     * The chaos-core settings these properties describe.
     *
     * @param resolvedEnvironment the environment name to use ({@link #getEnvironment()} or the one derived from the
     *        active profiles), may be {@code null}
     */
    public ChaosConfig toConfig(String resolvedEnvironment) {
        return ChaosConfig.custom()
                .enabled(enabled)
                .environment(resolvedEnvironment)
                .allowProduction(allowProduction)
                .defaultDuration(defaultDuration)
                .maxDuration(maxDuration)
                .maxDelay(maxDelay)
                .maxRules(maxRules)
                .maxInjections(maxInjections)
                .dryRun(dryRun)
                .jmx(jmx)
                .build();
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getEnvironment() {
        return environment;
    }

    public void setEnvironment(String environment) {
        this.environment = environment;
    }

    public boolean isAllowProduction() {
        return allowProduction;
    }

    public void setAllowProduction(boolean allowProduction) {
        this.allowProduction = allowProduction;
    }

    public Duration getDefaultDuration() {
        return defaultDuration;
    }

    public void setDefaultDuration(Duration defaultDuration) {
        this.defaultDuration = defaultDuration;
    }

    public Duration getMaxDuration() {
        return maxDuration;
    }

    public void setMaxDuration(Duration maxDuration) {
        this.maxDuration = maxDuration;
    }

    public Duration getMaxDelay() {
        return maxDelay;
    }

    public void setMaxDelay(Duration maxDelay) {
        this.maxDelay = maxDelay;
    }

    public int getMaxRules() {
        return maxRules;
    }

    public void setMaxRules(int maxRules) {
        this.maxRules = maxRules;
    }

    public long getMaxInjections() {
        return maxInjections;
    }

    public void setMaxInjections(long maxInjections) {
        this.maxInjections = maxInjections;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public boolean isJmx() {
        return jmx;
    }

    public void setJmx(boolean jmx) {
        this.jmx = jmx;
    }

    public List<String> getRules() {
        return rules;
    }

    public void setRules(List<String> rules) {
        this.rules = rules;
    }

    public boolean isFailOnInvalidRules() {
        return failOnInvalidRules;
    }

    public void setFailOnInvalidRules(boolean failOnInvalidRules) {
        this.failOnInvalidRules = failOnInvalidRules;
    }

    public Security getSecurity() {
        return security;
    }

    public Health getHealth() {
        return health;
    }

    public Jdbc getJdbc() {
        return jdbc;
    }

    public Http getHttp() {
        return http;
    }

    public Kafka getKafka() {
        return kafka;
    }

    public Method getMethod() {
        return method;
    }

    public Scope getScope() {
        return scope;
    }

    /** Chaos scopes opened by inbound HTTP requests ({@code X-Chaos-Scope} header or baggage {@code chaos.scope}). */
    public static class Scope {
        /**
         * Scope names an inbound request may open, comma-separated globs (e.g. 'test-*,staging-checkout'). Empty (the
         * default): requests cannot open scopes, so no outside caller can make its request run scoped faults.
         */
        private String allowed = "";

        public String getAllowed() {
            return allowed;
        }

        public void setAllowed(String allowed) {
            this.allowed = allowed;
        }
    }

    /** Who may change chaos through the actuator endpoint. */
    public static class Security {
        /**
         * Role an authenticated user needs for the endpoint's write operations when Spring Security is present (without
         * the ROLE_ prefix).
         */
        private String role = "CHAOS_ADMIN";

        public String getRole() {
            return role;
        }

        public void setRole(String role) {
            this.role = role;
        }
    }

    /** The chaos health contributor. */
    public static class Health {
        /** Whether the chaos health contributor is registered. */
        private boolean enabled = true;

        /** Whether the chaos health contributor reports DOWN while chaos is enabled and a rule is active. */
        private boolean downWhenActive = false;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public boolean isDownWhenActive() {
            return downWhenActive;
        }

        public void setDownWhenActive(boolean downWhenActive) {
            this.downWhenActive = downWhenActive;
        }
    }

    /** The jdbc point for DataSource beans. */
    public static class Jdbc {
        /** Whether DataSource beans are wrapped (skipped anyway when the chaos agent weaves JDBC). */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** The http point for RestClient.Builder, RestTemplateBuilder, RestTemplate and WebClient.Builder beans. */
    public static class Http {
        /** Whether Spring's HTTP clients get the chaos interceptor and filter. */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** The kafka point for ProducerFactory beans. */
    public static class Kafka {
        /** Whether producers of ProducerFactory beans are wrapped (skipped anyway when the chaos agent is attached). */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** The method point for beans, through Spring AOP. */
    public static class Method {
        /** Whether beans selected by method rules are proxied. */
        private boolean enabled = true;

        /**
         * Class names or globs (com.acme.*Service) of beans to proxy so that method rules armed later (actuator, JMX)
         * reach them; beans named by the class= matchers of chaos.rules are proxied anyway.
         */
        private List<String> targets = new ArrayList<>();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public List<String> getTargets() {
            return targets;
        }

        public void setTargets(List<String> targets) {
            this.targets = targets;
        }
    }
}
