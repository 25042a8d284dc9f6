package dev.chaosmonkey.spring.internal;

import java.io.IOException;
import java.util.Collections;

import org.springframework.web.filter.OncePerRequestFilter;

import dev.chaosmonkey.core.ChaosScope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Runs a servlet request inside the chaos scope it carries ({@code X-Chaos-Scope} or baggage
 * {@code chaos.scope=<name>}, also as extracted by OpenTelemetry: {@link ScopeTravel}) when
 * {@code chaos.scope.allowed} accepts the name; otherwise the request runs without a
 * scope. The scope is bound to the request thread for the synchronous part of the request (async dispatches are not
 * covered).
 */
public final class ChaosScopeServletFilter extends OncePerRequestFilter {
    private final AllowedScopes allowed;

    public ChaosScopeServletFilter(AllowedScopes allowed) {
        this.allowed = allowed;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String scope = null;
        try {
            scope = allowed.accept(ScopeTravel.requested(request.getHeader(ScopeHeaders.HEADER),
                    Collections.list(request.getHeaders(ScopeHeaders.BAGGAGE))));
        } catch (RuntimeException e) {
            InternalErrors.swallow("scope-filter", e);
        }
        if (scope == null) {
            chain.doFilter(request, response);
            return;
        }
        try (ChaosScope ignored = ChaosScope.open(scope)) {
            chain.doFilter(request, response);
        }
    }
}
