package dev.chaosmonkey.spring.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.chaosmonkey.core.ChaosConfig;
import dev.chaosmonkey.core.ChaosMonkey;

/**
 * Obtains {@link ChaosMonkey#global()}, the one chaos state of the JVM, with the settings of the Spring properties.
 * The global state reads its settings from system properties once, when it is first used. When the starter is first
 * (the normal case without the agent), the Spring settings are offered as system properties for that moment only
 * (system properties the user set win, and Spring's environment already includes them). When the agent or a test
 * created the state earlier, its settings stay and one WARN line names the Spring settings that were not applied.
 */
public final class GlobalChaos {
    private static final Logger LOG = LoggerFactory.getLogger("dev.chaosmonkey.spring");

    private GlobalChaos() {
    }

    /** The global chaos state, created with {@code wanted}'s limits if it does not exist yet. */
    public static synchronized ChaosMonkey obtain(ChaosConfig wanted) {
        Map<String, String> offered = new LinkedHashMap<>();
        if (wanted.environment() != null) {
            offered.put("chaos.environment", wanted.environment());
        }
        offered.put("chaos.allow-production", Boolean.toString(wanted.allowProduction()));
        offered.put("chaos.default-duration", wanted.defaultDuration().toMillis() + "ms");
        offered.put("chaos.max-duration", wanted.maxDuration().toMillis() + "ms");
        offered.put("chaos.max-delay", wanted.maxDelay().toMillis() + "ms");
        offered.put("chaos.max-rules", Integer.toString(wanted.maxRules()));
        offered.put("chaos.max-injections", Long.toString(wanted.maxInjections()));
        offered.put("chaos.jmx", Boolean.toString(wanted.jmx()));
        List<String> set = new ArrayList<>();
        for (Map.Entry<String, String> e : offered.entrySet()) {
            if (System.getProperty(e.getKey()) == null) {
                System.setProperty(e.getKey(), e.getValue());
                set.add(e.getKey());
            }
        }
        ChaosMonkey monkey;
        try {
            monkey = ChaosMonkey.global();
        } finally {
            for (String key : set) {
                System.clearProperty(key);
            }
        }
        List<String> differences = differences(wanted, monkey.config());
        if (!differences.isEmpty()) {
            LOG.warn("chaos: the JVM's chaos state was created before the Spring context (by the chaos agent, a test or"
                    + " -D settings) and keeps its settings; not applied from chaos.* properties: {}", differences);
        }
        return monkey;
    }

    static List<String> differences(ChaosConfig wanted, ChaosConfig actual) {
        List<String> d = new ArrayList<>();
        if (!java.util.Objects.equals(wanted.environment(), actual.environment()) && wanted.environment() != null) {
            d.add("environment=" + wanted.environment() + " (is " + actual.environment() + ")");
        }
        if (wanted.allowProduction() != actual.allowProduction()) {
            d.add("allow-production=" + wanted.allowProduction() + " (is " + actual.allowProduction() + ")");
        }
        if (!wanted.defaultDuration().equals(actual.defaultDuration())) {
            d.add("default-duration=" + wanted.defaultDuration() + " (is " + actual.defaultDuration() + ")");
        }
        if (!wanted.maxDuration().equals(actual.maxDuration())) {
            d.add("max-duration=" + wanted.maxDuration() + " (is " + actual.maxDuration() + ")");
        }
        if (!wanted.maxDelay().equals(actual.maxDelay())) {
            d.add("max-delay=" + wanted.maxDelay() + " (is " + actual.maxDelay() + ")");
        }
        if (wanted.maxRules() != actual.maxRules()) {
            d.add("max-rules=" + wanted.maxRules() + " (is " + actual.maxRules() + ")");
        }
        if (wanted.maxInjections() != actual.maxInjections()) {
            d.add("max-injections=" + wanted.maxInjections() + " (is " + actual.maxInjections() + ")");
        }
        return d;
    }
}
