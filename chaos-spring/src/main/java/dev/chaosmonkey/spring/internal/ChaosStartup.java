package dev.chaosmonkey.spring.internal;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.ChaosRule;
import dev.chaosmonkey.core.FaultSpec;
import dev.chaosmonkey.spring.ChaosProperties;
import dev.chaosmonkey.spring.InvalidChaosRulesException;

/**
 * Applies the {@code chaos.*} switches at start: the production guard, dry-run, {@code chaos.rules} (all or nothing)
 * and {@code chaos.enabled}. On context close the rules it armed are disarmed and chaos is disabled again if it
 * enabled it, so that a closed context leaves the JVM's chaos state as it found it.
 */
public final class ChaosStartup implements InitializingBean, DisposableBean {
    private static final Logger LOG = LoggerFactory.getLogger("dev.chaosmonkey.spring");

    private final ChaosMonkey monkey;
    private final ChaosProperties properties;
    private final ChaosEnvironment environment;
    private final List<String> armedIds = new ArrayList<>();
    private boolean enabledByUs;
    private boolean guarded;

    public ChaosStartup(ChaosMonkey monkey, ChaosProperties properties, ChaosEnvironment environment) {
        this.monkey = monkey;
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        if (environment.isProduction() && !properties.isAllowProduction()) {
            guarded = true;
            LOG.warn("chaos stays off: {} names production; chaos.enabled, chaos.rules and the Spring client"
                    + " wrappers are ignored; set chaos.allow-production=true to allow chaos here", environment);
            return;
        }
        if (properties.isDryRun() && !monkey.isDryRun()) {
            monkey.setDryRun(true);
        }
        armRules();
        if (properties.isEnabled() && !monkey.isEnabled()) {
            try {
                monkey.enable();
                enabledByUs = true;
            } catch (IllegalStateException e) {
                LOG.warn("chaos stays off: {}", e.getMessage());
            }
        }
    }

    private void armRules() {
        List<String> specs = properties.getRules();
        if (specs == null || specs.isEmpty()) {
            return;
        }
        List<ChaosRule> rules = new ArrayList<>();
        try {
            for (int i = 0; i < specs.size(); i++) {
                try {
                    rules.add(FaultSpec.parse(specs.get(i)));
                } catch (IllegalArgumentException e) {
                    throw new InvalidChaosRulesException(i, specs.get(i), e);
                }
            }
            try {
                armedIds.addAll(monkey.armAll(rules));
            } catch (IllegalArgumentException e) {
                throw new InvalidChaosRulesException(-1, null, e);
            }
        } catch (InvalidChaosRulesException e) {
            if (properties.isFailOnInvalidRules()) {
                throw e;
            }
            LOG.error("chaos: no rule of chaos.rules armed (chaos.fail-on-invalid-rules=false): {}", e.getMessage());
            return;
        }
        LOG.info("chaos: armed {} rule(s) from chaos.rules: {}", armedIds.size(), armedIds);
    }

    /** Whether the production guard kept chaos off. */
    public boolean isGuarded() {
        return guarded;
    }

    /** The resolved environment. */
    public ChaosEnvironment environment() {
        return environment;
    }

    /** Ids of the rules armed from {@code chaos.rules}. */
    public List<String> armedIds() {
        return List.copyOf(armedIds);
    }

    @Override
    public void destroy() {
        for (String id : armedIds) {
            monkey.disarm(id);
        }
        armedIds.clear();
        if (enabledByUs) {
            monkey.disable();
        }
    }
}
