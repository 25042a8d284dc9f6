package dev.chaosmonkey.spring.internal;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches unless the production guard keeps chaos off (an environment or active profile named like production and
 * no {@code chaos.allow-production=true}): in that case no Spring client is wrapped at all.
 */
public final class OnChaosAllowedCondition extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        if (ChaosEnvironment.isGuarded(context.getEnvironment())) {
            return ConditionOutcome.noMatch("the chaos production guard is on: "
                    + ChaosEnvironment.resolve(context.getEnvironment().getProperty("chaos.environment"),
                            context.getEnvironment()));
        }
        return ConditionOutcome.match("chaos is allowed in this environment");
    }
}
