package dev.chaosmonkey.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.nio.ByteBuffer;

import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.impl.BasicEntityDetails;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;

import dev.chaosmonkey.agent.bootstrap.ApacheAsyncCalls;
import dev.chaosmonkey.agent.bootstrap.ApacheHttpCalls;
import dev.chaosmonkey.agent.bootstrap.FiredFault;
import dev.chaosmonkey.agent.bootstrap.SyntheticHttp;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Apache HttpClient 5 async ({@code HttpAsyncClients.createDefault()/custom()}, HTTP/1.1 and HTTP/2 internal
 * clients): {@code InternalAbstractHttpAsyncClient.executeImmediate}, called once per logical call when the request
 * enters the execution chain. Exceptions and timeouts fail the exec callback (so the returned future fails and the
 * user's {@code FutureCallback.failed} runs, nothing is thrown to the caller); delays re-run the hand-off on a timer;
 * status faults answer through the callback with a synthetic response and body, never touching the network. The
 * minimal clients ({@code HttpAsyncClients.createMinimal()}) bypass the chain and are not covered.
 */
final class ApacheAsyncClientInstrumentation {
    private ApacheAsyncClientInstrumentation() {
    }

    static AgentBuilder register(AgentBuilder builder, Weaver weaver) {
        return builder.type(named("org.apache.hc.client5.http.impl.async.InternalAbstractHttpAsyncClient"))
                .transform(weaver.advice("apache-httpclient5-async", ExecuteImmediateAdvice.class,
                        named("executeImmediate").and(takesArguments(5))));
    }

    static final class ExecuteImmediateAdvice {
        private ExecuteImmediateAdvice() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.This Object client,
                @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object request,
                @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object entityProducer,
                @Advice.Argument(value = 2, typing = Assigner.Typing.DYNAMIC) Object scope,
                @Advice.Argument(value = 3, typing = Assigner.Typing.DYNAMIC) Object chain,
                @Advice.Argument(value = 4, typing = Assigner.Typing.DYNAMIC) Object callback) {
            // parameters typed Object: the advice is described without HttpClient 5 on the agent's class path
            if (!ApacheAsyncCalls.armed()) {
                return false;
            }
            FiredFault fault = ApacheHttpCalls.decide(((AsyncExecChain.Scope) scope).route.getTargetHost(), request);
            if (fault == null) {
                return false;
            }
            if (fault.httpStatus() > 0) {
                try {
                    int status = fault.httpStatus();
                    byte[] body = SyntheticHttp.body(status, fault.httpBody(), fault.ruleId());
                    BasicHttpResponse response = new BasicHttpResponse(status, SyntheticHttp.reason(status));
                    response.addHeader("Content-Type", SyntheticHttp.contentType(fault));
                    String[] headers = fault.httpHeaders();
                    for (int i = 0; i + 1 < headers.length; i += 2) {
                        response.addHeader(headers[i], headers[i + 1]);
                    }
                    response.addHeader("X-Chaos-Injected", fault.ruleId());
                    AsyncDataConsumer consumer = ((AsyncExecCallback) callback).handleResponse(response,
                            new BasicEntityDetails(body.length, ContentType.parse(SyntheticHttp.contentType(fault))));
                    if (consumer != null) {
                        consumer.consume(ByteBuffer.wrap(body));
                        consumer.streamEnd(java.util.Collections.emptyList());
                    }
                    ((AsyncExecCallback) callback).completed();
                } catch (Throwable t) {
                    ApacheAsyncCalls.CALLS.internalError(t);
                    ApacheAsyncCalls.fail(callback, new java.io.IOException("chaos: HTTP " + fault.httpStatus()
                            + " injected by rule " + fault.ruleId()), 0);
                }
                return true;
            }
            return ApacheAsyncCalls.perform(fault, client, request, entityProducer, scope, chain, callback);
        }
    }
}
