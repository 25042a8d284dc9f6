package dev.chaosmonkey.spring.internal;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * The WebFlux counterpart of {@link ChaosScopeServletFilter}: an accepted scope name goes into the Reactor context
 * of the request ({@link ScopeHeaders#CONTEXT_KEY}), where the starter's {@code WebClient} filter reads it, so
 * outbound calls of the request are decided in its scope and carry it on.
 */
public final class ChaosScopeWebFilter implements WebFilter {
    private final AllowedScopes allowed;

    public ChaosScopeWebFilter(AllowedScopes allowed) {
        this.allowed = allowed;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String scope = null;
        try {
            HttpHeaders headers = exchange.getRequest().getHeaders();
            scope = allowed.accept(ScopeTravel.requested(headers.getFirst(ScopeHeaders.HEADER),
                    headers.get(ScopeHeaders.BAGGAGE)));
        } catch (RuntimeException e) {
            InternalErrors.swallow("scope-webfilter", e);
        }
        if (scope == null) {
            return chain.filter(exchange);
        }
        String name = scope;
        return chain.filter(exchange).contextWrite(ctx -> ctx.put(ScopeHeaders.CONTEXT_KEY, name));
    }
}
