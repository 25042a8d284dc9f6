package dev.chaosmonkey.spring.internal;

import java.io.IOException;
import java.time.Duration;

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

/**
 * The http point for {@code WebClient}: decided when the exchange is subscribed (so each retry is one decision), and
 * failing through the reactive pipeline, never by throwing: {@code status(...)} yields a synthetic
 * {@code ClientResponse} (so {@code retrieve()} raises {@code WebClientResponseException} and {@code onStatus} handlers
 * see it), delays and timeouts wait without blocking a thread, exceptions arrive as an error signal; an
 * {@code IOException} (the default {@code ConnectException}, {@code SocketTimeoutException}) is wrapped in
 * {@code WebClientRequestException} as the client does for connection failures.
 *
 * <p>Scopes: the decision runs in the scope of the Reactor context ({@link ScopeHeaders#CONTEXT_KEY}, set by
 * {@link ChaosScopeWebFilter}) or else of the thread that built the exchange, and the request carries that scope on
 * ({@code X-Chaos-Scope} and baggage {@code chaos.scope}).
 */
public final class ChaosExchangeFilter implements ExchangeFilterFunction {
    private final ChaosMonkey monkey;

    public ChaosExchangeFilter(ChaosMonkey monkey) {
        this.monkey = monkey;
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        // the scope of the calling thread when the exchange is built, unless the Reactor context names one
        // (a WebFlux request accepted by ChaosScopeWebFilter)
        String assembled = ScopeHeaders.currentScope();
        return Mono.deferContextual(ctx -> {
            String scope = ctx.getOrDefault(ScopeHeaders.CONTEXT_KEY, assembled);
            ClientRequest carried = scope == null ? request : ClientRequest.from(request)
                    .headers(h -> ScopeHeaders.carry(h, scope)).build();
            if (!monkey.isArmed(InjectionPoint.HTTP)) {
                return next.exchange(carried);
            }
            return decide(carried, next, scope);
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
            return next.exchange(request)
                    .delaySubscription(Duration.ofNanos(((DelayFault) fault).nextDelayNanos()));
        }
        if (fault instanceof TimeoutFault) {
            Throwable failure = failure(request, injection.newThrowable(loader, null));
            return Mono.<ClientResponse>error(failure).delaySubscription(((TimeoutFault) fault).bound());
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
