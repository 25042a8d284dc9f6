package dev.chaosmonkey.spring.internal;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Scope;

/**
 * The chaos scope in OpenTelemetry's baggage. Only {@link ScopeTravel} loads this class, and only when the
 * OpenTelemetry API is on the class path.
 */
final class OpenTelemetryBaggage {
    private static final String JAVA_AGENT = "io.opentelemetry.javaagent.bootstrap.AgentInitializer";

    private OpenTelemetryBaggage() {
    }

    /**
     * Whether a live OpenTelemetry whose propagators write W3C {@code baggage} is registered. {@code
     * GlobalOpenTelemetry.get()} is only called once one is known to be there (set, or the Java agent, which answers
     * {@code get()} itself): called first, it would register a no-op instance and break the application's own later
     * {@code set}.
     */
    static boolean propagatesBaggage() {
        if (!GlobalOpenTelemetry.isSet() && !javaAgentPresent()) {
            return false;
        }
        return GlobalOpenTelemetry.get().getPropagators().getTextMapPropagator().fields()
                .contains(ScopeHeaders.BAGGAGE);
    }

    private static boolean javaAgentPresent() {
        try {
            Class.forName(JAVA_AGENT, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The {@code chaos.scope} entry of the current baggage, or {@code null}. */
    static String currentScope() {
        return Baggage.current().getEntryValue(ScopeHeaders.BAGGAGE_KEY);
    }

    /** Makes the current baggage carry {@code scope} until the result is closed ({@code none} when it does already). */
    static ScopeTravel.Outbound carry(String scope, ScopeTravel.Outbound none) {
        Baggage baggage = Baggage.current();
        if (scope.equals(baggage.getEntryValue(ScopeHeaders.BAGGAGE_KEY))) {
            return none;
        }
        Scope current = baggage.toBuilder().put(ScopeHeaders.BAGGAGE_KEY, scope).build().makeCurrent();
        return current::close;
    }
}
