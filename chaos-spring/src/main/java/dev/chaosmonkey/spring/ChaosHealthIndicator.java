package dev.chaosmonkey.spring;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.RuleInfo;

/**
 * Health contributor {@code chaos} (Spring Boot 4): whether chaos is enabled and which rules are armed, so that an
 * operator looking at {@code /actuator/health} sees an active fault. It reports UP unless
 * {@code chaos.health.down-when-active=true} and a rule is active while chaos is enabled.
 */
public class ChaosHealthIndicator implements HealthIndicator {
    private final ChaosMonkey monkey;
    private final boolean downWhenActive;

    public ChaosHealthIndicator(ChaosMonkey monkey, boolean downWhenActive) {
        this.monkey = monkey;
        this.downWhenActive = downWhenActive;
    }

    @Override
    public Health health() {
        List<String> rules = new ArrayList<>();
        boolean active = false;
        for (RuleInfo r : monkey.rules()) {
            rules.add(r.getId() + " [" + r.getState() + "] " + r.getSpec());
            active |= "ACTIVE".equals(r.getState());
        }
        boolean faulting = monkey.isEnabled() && active;
        Health.Builder b = downWhenActive && faulting ? Health.down() : Health.up();
        return b.withDetail("enabled", monkey.isEnabled())
                .withDetail("dryRun", monkey.isDryRun())
                .withDetail("faultsActive", faulting)
                .withDetail("rules", rules)
                .build();
    }
}
