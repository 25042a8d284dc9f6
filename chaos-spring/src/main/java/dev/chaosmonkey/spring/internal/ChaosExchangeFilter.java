package dev.chaosmonkey.spring.internal;

import java.io.IOException;
import java.util.function.Supplier;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.ChaosScope;
import dev.chaosmonkey.core.DelayFault;
import dev.chaosmonkey.core.ExceptionFault;
import dev.chaosmonkey.core.Fault;
import dev.chaosmonkey.core.HttpStatusFault;
import dev.chaosmonkey.core.Injection;
import dev.chaosmonkey.core.InjectionPoint;
import dev.chaosmonkey.core.TimeoutFault;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * The http point for {@code WebClient}: decided when the exchange is subscribed (so each retry is one decision), and
 * failing through the reactive pipeline, never by throwing: {@code status(...)} yields a synthetic
 * {@code ClientResponse} (so {@code retrieve()} raises {@code WebClientResponseException} and {@code onStatus} handlers
 * see it), delays and timeouts wait without blocking a thread on holds the kill switch releases at once (the exchange
 * then proceeds as if nothing had been injected), exceptions arrive as an error signal; an
 * {@code IOException} (the default {@code ConnectException}, {@code SocketTimeoutException}) is wrapped in
 * {@code WebClientRequestException} as the client does for connection failures.
 *
 * <p>Scopes: the decision runs in the scope of the Reactor context ({@link ScopeHeaders#CONTEXT_KEY}, set by
 * {@link ChaosScopeWebFilter}) or else of the thread that built the exchange, and the request carries that scope on
 * ({@code X-Chaos-Scope} and baggage {@code chaos.scope}; where OpenTelemetry propagates baggage, the exchange is
 * subscribed with the scope in OpenTelemetry's current baggage instead: {@link ScopeTravel}).
 *
 * <p>With the chaos agent in the JVM, the exchange's Reactor context carries
 * {@link AgentPresence#REACTOR_DECIDED_KEY}, so the agent's Reactor Netty advice does not decide it a second time.
 */
public final class ChaosExchangeFilter implements ExchangeFilterFunction {
    private static final Context DECIDED_HERE = Context.of(AgentPresence.REACTOR_DECIDED_KEY, Boolean.TRUE);
    private final ChaosMonkey monkey;

    public ChaosExchangeFilter(ChaosMonkey monkey) {
        this.monkey = monkey;
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        // the scope of the calling thread when the exchange is built, unless the Reactor context names one
        // (a WebFlux request accepted by ChaosScopeWebFilter)
        String assembled = ScopeHeaders.currentScope();
        Mono<ClientResponse> exchange = Mono.deferContextual(ctx -> {
            String scope = ctx.getOrDefault(ScopeHeaders.CONTEXT_KEY, assembled);
            if (scope != null && ScopeTravel.viaOpenTelemetry()) {
                // OpenTelemetry's client instrumentation writes the baggage header from its current baggage
                return travelling(scope, () -> exchange(request, next, scope));
            }
            ClientRequest carried = scope == null ? request : ClientRequest.from(request)
                    .headers(h -> ScopeHeaders.carry(h, scope)).build();
            return exchange(carried, next, scope);
        });
        // with the agent, the exchange is decided here: the woven Reactor Netty client underneath reads this mark
        // from the Reactor context (subscriptions hop threads, so the agent's per-thread marker cannot carry it)
        return AgentPresence.isAttached() ? exchange.contextWrite(DECIDED_HERE) : exchange;
    }

    private Mono<ClientResponse> exchange(ClientRequest request, ExchangeFunction next, String scope) {
        if (!monkey.isArmed(InjectionPoint.HTTP)) {
            return next.exchange(request);
        }
        return decide(request, next, scope);
    }

    /** The exchange, built and subscribed while {@code scope} is in OpenTelemetry's current baggage. */
    private static Mono<ClientResponse> travelling(String scope, Supplier<Mono<ClientResponse>> exchange) {
        // fromDirect: the exchange emits one response; Mono.from would cancel it after the first signal
        return Mono.fromDirect(subscriber -> {
            try (ScopeTravel.Outbound travel = ScopeTravel.outbound(scope)) {
                Mono<ClientResponse> built;
                try {
                    built = exchange.get();
                } catch (RuntimeException e) {
                    built = Mono.error(e); // as deferContextual does: a signal, never a throw from subscribe
                }
                built.subscribe(subscriber);
            }
        });
    }

    private Mono<ClientResponse> decide(ClientRequest request, ExchangeFunction next, String scope) {
        Injection injection = null;
        try (ChaosScope bound = scope == null || scope.equals(ScopeHeaders.currentScope()) ? null
                : ChaosScope.open(scope)) {
            injection = HttpDecisions.decide(monkey, request.method().name(), request.url());
        } catch (Throwable t) {
            InternalErrors.swallow("webclient", t);
        }
        if (injection == null) {
            return next.exchange(request);
        }
        Injection fired = injection;
        Fault fault = injection.fault();
        ClassLoader loader = ChaosExchangeFilter.class.getClassLoader();
        if (fault instanceof HttpStatusFault) {
            HttpStatusFault statusFault = (HttpStatusFault) fault;
            int status = statusFault.status();
            String body = statusFault.body();
            ClientResponse.Builder response = ClientResponse.create(HttpStatusCode.valueOf(status));
            String contentType = HttpDecisions.addHeaders(statusFault, response::header);
            return Mono.just(response.header("Content-Type", contentType != null ? contentType
                            : MediaType.TEXT_PLAIN_VALUE)
                    .header(HttpDecisions.RULE_HEADER, injection.ruleId())
                    .body(body != null ? body : "chaos: status " + status + " injected by rule " + injection.ruleId())
                    .build());
        }
        if (fault instanceof DelayFault) {
            // an engine hold: the kill switch ends it at once and the exchange then proceeds
            long nanos = ((DelayFault) fault).nextDelayNanos();
            return Mono.fromFuture(() -> fired.holdAsync(nanos)).then(next.exchange(request));
        }
        if (fault instanceof TimeoutFault) {
            Throwable failure = failure(request, injection.newThrowable(loader, null));
            long nanos = ((TimeoutFault) fault).bound().toNanos();
            // released by the kill switch: the real exchange, as if nothing had been injected
            return Mono.fromFuture(() -> fired.holdAsync(nanos))
                    .flatMap(ran -> ran ? Mono.<ClientResponse>error(failure) : next.exchange(request));
        }
        if (fault instanceof ExceptionFault) {
            return Mono.error(failure(request, injection.newThrowable(loader, null)));
        }
        injection.perform(loader);
        return next.exchange(request);
    }

    private static Throwable failure(ClientRequest request, Throwable injected) {
        if (injected instanceof IOException) {
            return new WebClientRequestException(injected, request.method(), request.url(), request.headers());
        }
        return injected;
    }
}
