package dev.chaosmonkey.spring.internal;

import java.util.List;

import org.springframework.http.HttpHeaders;

import dev.chaosmonkey.core.ChaosScope;

/**
 * How a chaos scope travels with HTTP requests: the {@code X-Chaos-Scope} header and the W3C {@code baggage} entry
 * {@code chaos.scope=<name>}. Inbound, the header wins over baggage; outbound, both are written (an existing
 * {@code chaos.scope} baggage entry is replaced, other entries are kept).
 */
public final class ScopeHeaders {
    /** The scope header. */
    public static final String HEADER = "X-Chaos-Scope";
    /** The W3C baggage header. */
    public static final String BAGGAGE = "baggage";
    /** The baggage key. */
    public static final String BAGGAGE_KEY = "chaos.scope";
    /** The Reactor context key under which WebFlux requests carry their scope name. */
    public static final String CONTEXT_KEY = "dev.chaosmonkey.scope";

    private ScopeHeaders() {
    }

    /** The scope a request asks for, or {@code null}: the header, else the baggage entry. Not yet validated. */
    public static String requested(String header, List<String> baggage) {
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        if (baggage == null) {
            return null;
        }
        for (String value : baggage) {
            String found = fromBaggage(value);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The {@code chaos.scope} entry of one baggage header value, or {@code null}. */
    static String fromBaggage(String baggage) {
        if (baggage == null) {
            return null;
        }
        int members = 0;
        for (String member : baggage.split(",", 65)) {
            if (++members > 64) {
                break;
            }
            int eq = member.indexOf('=');
            if (eq < 0 || !member.substring(0, eq).trim().equals(BAGGAGE_KEY)) {
                continue;
            }
            String value = member.substring(eq + 1);
            int props = value.indexOf(';');
            return (props < 0 ? value : value.substring(0, props)).trim();
        }
        return null;
    }

    /** The name of the scope current on this thread, or {@code null}. */
    public static String currentScope() {
        ChaosScope scope = ChaosScope.current();
        return scope == null ? null : scope.name();
    }

    /** Writes {@code scope} (a valid name) into outbound {@code headers}: the header and the baggage entry. */
    public static void carry(HttpHeaders headers, String scope) {
        headers.set(HEADER, scope);
        headers.set(BAGGAGE, withScope(headers.getFirst(BAGGAGE), scope));
    }

    /** {@code baggage} with its {@code chaos.scope} entry set to {@code scope}. */
    static String withScope(String baggage, String scope) {
        String entry = BAGGAGE_KEY + "=" + scope;
        if (baggage == null || baggage.isBlank()) {
            return entry;
        }
        StringBuilder sb = new StringBuilder();
        for (String member : baggage.split(",")) {
            int eq = member.indexOf('=');
            if (eq >= 0 && member.substring(0, eq).trim().equals(BAGGAGE_KEY)) {
                continue;
            }
            if (!member.isBlank()) {
                sb.append(member.trim()).append(',');
            }
        }
        return sb.append(entry).toString();
    }
}
