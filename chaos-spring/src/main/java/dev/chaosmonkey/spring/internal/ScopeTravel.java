package dev.chaosmonkey.spring.internal;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ClassUtils;

/**
 * How a chaos scope leaves and enters this service: where OpenTelemetry propagates W3C baggage in this JVM (the
 * OpenTelemetry Java agent, or anything that registered a {@code GlobalOpenTelemetry} whose propagators write
 * {@code baggage}), the scope travels as OpenTelemetry's own baggage entry {@code chaos.scope}: outbound calls put
 * it into the current {@code Baggage} and OpenTelemetry's client instrumentation writes the header, inbound requests
 * read it from the {@code Baggage} OpenTelemetry's server instrumentation extracted. Otherwise the starter writes
 * {@code X-Chaos-Scope} and its own {@code baggage} entry ({@link ScopeHeaders}). Decided once, at the first use;
 * nothing of OpenTelemetry is loaded when its API is not on the class path.
 */
public final class ScopeTravel {
    private static final Logger LOG = LoggerFactory.getLogger(ScopeTravel.class);
    private static final String BAGGAGE_API = "io.opentelemetry.api.baggage.Baggage";
    /** Closes nothing: returned whenever nothing was made current. */
    private static final Outbound NOTHING = () -> { };

    private static volatile Boolean viaOpenTelemetry;

    private ScopeTravel() {
    }

    /** Something made current for the duration of one outbound call. */
    @FunctionalInterface
    public interface Outbound extends AutoCloseable {
        @Override
        void close();
    }

    /** Whether scopes travel in OpenTelemetry's baggage here (else in the starter's own headers). */
    public static boolean viaOpenTelemetry() {
        Boolean decided = viaOpenTelemetry;
        if (decided == null) {
            decided = decide();
            viaOpenTelemetry = decided;
        }
        return decided;
    }

    private static synchronized boolean decide() {
        Boolean decided = viaOpenTelemetry;
        if (decided != null) {
            return decided;
        }
        boolean otel = false;
        if (ClassUtils.isPresent(BAGGAGE_API, ScopeTravel.class.getClassLoader())) {
            try {
                otel = OpenTelemetryBaggage.propagatesBaggage();
            } catch (LinkageError e) {
                // an OpenTelemetry API older than GlobalOpenTelemetry.isSet: our own headers still work
                LOG.warn("chaos: cannot tell whether OpenTelemetry propagates baggage ({}); chaos scopes travel in"
                        + " the starter's own {} and baggage headers", e.toString(), ScopeHeaders.HEADER);
            } catch (RuntimeException e) {
                InternalErrors.swallow("scope-opentelemetry", e);
            }
        }
        if (otel) {
            LOG.info("chaos: OpenTelemetry propagates W3C baggage in this JVM; chaos scopes travel as its baggage"
                    + " entry {} (the starter writes no {} or baggage header of its own)", ScopeHeaders.BAGGAGE_KEY,
                    ScopeHeaders.HEADER);
        }
        return otel;
    }

    /**
     * The scope an inbound request asks for, not yet validated: the {@code X-Chaos-Scope} header, else the
     * {@code chaos.scope} entry of OpenTelemetry's current baggage (when it propagates here), else the entry of the
     * raw {@code baggage} headers.
     */
    public static String requested(String header, List<String> baggage) {
        String fromHeader = ScopeHeaders.requested(header, null);
        if (fromHeader != null) {
            return fromHeader;
        }
        if (viaOpenTelemetry()) {
            String fromOpenTelemetry = OpenTelemetryBaggage.currentScope();
            if (fromOpenTelemetry != null && !fromOpenTelemetry.isBlank()) {
                return fromOpenTelemetry.trim();
            }
        }
        return ScopeHeaders.requested(null, baggage);
    }

    /**
     * Makes {@code scope} (or {@code null}: nothing) OpenTelemetry's current baggage entry for one outbound call when
     * scopes travel in OpenTelemetry's baggage; close the result when the call returns.
     */
    public static Outbound outbound(String scope) {
        if (scope == null || !viaOpenTelemetry()) {
            return NOTHING;
        }
        try {
            return OpenTelemetryBaggage.carry(scope, NOTHING);
        } catch (RuntimeException e) {
            InternalErrors.swallow("scope-opentelemetry", e);
            return NOTHING;
        }
    }
}
