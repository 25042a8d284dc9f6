package dev.chaosmonkey.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.concurrent.CompletableFuture;

import dev.chaosmonkey.agent.bootstrap.HttpDispatch;
import dev.chaosmonkey.agent.bootstrap.JdkHttpDecision;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The JDK {@code java.net.http.HttpClient}: {@code send} and {@code sendAsync} both go through the private
 * {@code HttpClientImpl.sendAsync(request, handler, pushHandler, executor)}, hooked once per logical call. Faults
 * travel through the returned future: failures fail it ({@code send} rethrows them), delays complete it late, status
 * faults complete it with a synthetic response built by the caller's body handler. Delays and timeouts are holds the
 * kill switch releases (then the response arrives at once, or the real call is made).
 */
final class JdkHttpClientInstrumentation {
    /** The instrumentation name its advice is recorded under. */
    static final String NAME = "jdk-http-client";

    private JdkHttpClientInstrumentation() {
    }

    static AgentBuilder register(AgentBuilder builder, Weaver weaver) {
        return builder.type(named("jdk.internal.net.http.HttpClientImpl"))
                .transform(weaver.advice(NAME, SendAsyncAdvice.class,
                        named("sendAsync").and(takesArguments(4))));
    }

    static final class SendAsyncAdvice {
        private SendAsyncAdvice() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.This Object client, @Advice.Argument(0) Object request,
                @Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object handler,
                @Advice.Argument(value = 2, typing = Assigner.Typing.DYNAMIC) Object pushHandler,
                @Advice.Local("chaos") JdkHttpDecision decision) {
            decision = HttpDispatch.jdkClient(client, request, handler, pushHandler);
            if (decision != null) {
                handler = decision.bodyHandler(handler);
            }
            return decision != null && decision.replacesCall();
        }

        @Advice.OnMethodExit
        @SuppressWarnings("rawtypes")
        static void exit(@Advice.Local("chaos") JdkHttpDecision decision,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) CompletableFuture result) {
            if (decision != null) {
                result = decision.applyTo(result);
            }
        }
    }
}
