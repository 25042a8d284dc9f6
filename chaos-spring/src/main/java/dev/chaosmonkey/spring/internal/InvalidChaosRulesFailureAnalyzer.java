package dev.chaosmonkey.spring.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.chaosmonkey.spring.InvalidChaosRulesException;

/** Turns a bad {@code chaos.rules} entry into Spring Boot's "APPLICATION FAILED TO START" description and action. */
public class InvalidChaosRulesFailureAnalyzer extends AbstractFailureAnalyzer<InvalidChaosRulesException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidChaosRulesException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the rule (see the fault spec format in the chaos-monkey-jvm README), or set"
                        + " chaos.fail-on-invalid-rules=false to start without the rules of chaos.rules.",
                cause);
    }
}
