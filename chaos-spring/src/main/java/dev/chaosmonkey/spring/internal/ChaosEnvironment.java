package dev.chaosmonkey.spring.internal;

import java.util.Arrays;

import org.springframework.core.env.Environment;

/**
 * The environment name the production guard checks: {@code chaos.environment} when set, otherwise derived from the
 * active profiles (the first one that names production, else the first active profile), otherwise none.
 */
public final class ChaosEnvironment {
    private final String name;
    private final String source;

    private ChaosEnvironment(String name, String source) {
        this.name = name;
        this.source = source;
    }

    /** Resolves the name from {@code chaos.environment} (may be {@code null}) and the active profiles. */
    public static ChaosEnvironment resolve(String configured, Environment environment) {
        if (configured != null && !configured.isBlank()) {
            return new ChaosEnvironment(configured.trim(), "chaos.environment");
        }
        String[] profiles = environment.getActiveProfiles();
        for (String profile : profiles) {
            if (ProductionNames.isProduction(profile)) {
                return new ChaosEnvironment(profile, "active profile");
            }
        }
        if (profiles.length > 0) {
            return new ChaosEnvironment(profiles[0], "active profile");
        }
        return new ChaosEnvironment(null, "none");
    }

    /** Whether chaos must stay off: the environment names production and production is not allowed. */
    public static boolean isGuarded(Environment environment) {
        boolean allow = environment.getProperty("chaos.allow-production", Boolean.class, false);
        return !allow && resolve(environment.getProperty("chaos.environment"), environment).isProduction();
    }

    /** The environment name, or {@code null}. */
    public String name() {
        return name;
    }

    /** Where the name came from ({@code chaos.environment}, {@code active profile}, {@code none}). */
    public String source() {
        return source;
    }

    /** Whether the name counts as production. */
    public boolean isProduction() {
        return ProductionNames.isProduction(name);
    }

    @Override
    public String toString() {
        return name == null ? "(none)" : source + " '" + name + "'";
    }

    /** For messages: the active profiles. */
    static String profiles(Environment environment) {
        return Arrays.toString(environment.getActiveProfiles());
    }
}
