package dev.chaosmonkey.spring.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.HttpStatusFault;
import dev.chaosmonkey.core.Injection;
import dev.chaosmonkey.core.InjectionPoint;

/**
 * The http point for {@code RestClient} and {@code RestTemplate} (one decision per request execution, retries
 * included): {@code status(...)} answers with a synthetic response without a network call, so the client's own
 * error handling ({@code HttpServerErrorException}, {@code onStatus} handlers) sees it; delays sleep, then the request
 * is sent; exceptions and timeouts are thrown from the execution (the client turns an {@code IOException} such as the
 * default {@code ConnectException} or {@code SocketTimeoutException} into a {@code ResourceAccessException}).
 *
 * <p>A request made inside a {@link dev.chaosmonkey.core.ChaosScope} carries it on ({@code X-Chaos-Scope} and baggage
 * {@code chaos.scope}, or, where OpenTelemetry propagates baggage, OpenTelemetry's baggage entry: {@link
 * ScopeTravel}), armed or not.
 *
 * <p>When the chaos agent is attached, the request runs inside the agent's HTTP call depth, so the woven client
 * underneath (JDK {@code HttpClient}, {@code HttpURLConnection}, Apache HttpClient 5, OkHttp) does not decide again.
 */
public final class ChaosHttpInterceptor implements ClientHttpRequestInterceptor {
    private final ChaosMonkey monkey;
    private final boolean agent;

    public ChaosHttpInterceptor(ChaosMonkey monkey) {
        this(monkey, AgentPresence.isAttached());
    }

    ChaosHttpInterceptor(ChaosMonkey monkey, boolean agent) {
        this.monkey = monkey;
        this.agent = agent;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        String scope = ScopeHeaders.currentScope();
        if (scope != null && !ScopeTravel.viaOpenTelemetry()) {
            // the scope travels on with the request, so the next service runs it in the same scope
            ScopeHeaders.carry(request.getHeaders(), scope);
        }
        if (!monkey.isArmed(InjectionPoint.HTTP)) {
            return send(request, body, execution, scope);
        }
        Injection injection = null;
        try {
            injection = HttpDecisions.decide(monkey, request.getMethod().name(), request.getURI());
        } catch (Throwable t) {
            InternalErrors.swallow("http", t);
        }
        if (injection != null) {
            if (injection.fault() instanceof HttpStatusFault) {
                HttpStatusFault fault = (HttpStatusFault) injection.fault();
                return new SyntheticResponse(fault, injection.ruleId());
            }
            injection.perform(ChaosHttpInterceptor.class.getClassLoader());
        }
        boolean marked = agent && AgentPresence.enterHttp();
        try {
            return send(request, body, execution, scope);
        } finally {
            if (marked) {
                AgentPresence.exitHttp();
            }
        }
    }

    /**
     * Executes the request; where OpenTelemetry propagates baggage, with the scope in its current baggage, so its
     * client instrumentation underneath writes the one {@code baggage} header.
     */
    private static ClientHttpResponse send(HttpRequest request, byte[] body, ClientHttpRequestExecution execution,
            String scope) throws IOException {
        try (ScopeTravel.Outbound travel = ScopeTravel.outbound(scope)) {
            return execution.execute(request, body);
        }
    }

    /**
     * A response with the injected status, the spec's {@code body=} (else a short text naming the rule), its
     * {@code header=} fields and an {@code X-Chaos-Injected: <rule id>} header.
     */
    static final class SyntheticResponse implements ClientHttpResponse {
        private final int status;
        private final HttpHeaders headers = new HttpHeaders();
        private final byte[] body;

        SyntheticResponse(HttpStatusFault fault, String ruleId) {
            this.status = fault.status();
            String text = fault.body() != null ? fault.body()
                    : "chaos: status " + status + " injected by rule " + ruleId;
            this.body = text.getBytes(StandardCharsets.UTF_8);
            headers.setContentType(MediaType.TEXT_PLAIN);
            headers.setContentLength(body.length);
            String contentType = HttpDecisions.addHeaders(fault, headers::add);
            if (contentType != null) {
                headers.set(HttpHeaders.CONTENT_TYPE, contentType);
            }
            headers.set(HttpDecisions.RULE_HEADER, ruleId);
        }

        @Override
        public HttpStatusCode getStatusCode() {
            return HttpStatusCode.valueOf(status);
        }

        @Override
        public String getStatusText() {
            HttpStatus known = HttpStatus.resolve(status);
            return known == null ? "" : known.getReasonPhrase();
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public InputStream getBody() {
            return new ByteArrayInputStream(body);
        }

        @Override
        public void close() {
            // nothing to release: no connection was opened
        }
    }
}
