package dev.chaosmonkey.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.net.http.HttpRequest;
import java.util.concurrent.CompletableFuture;

import dev.chaosmonkey.agent.bootstrap.AdviceSupport;
import dev.chaosmonkey.agent.bootstrap.CallDepth;
import dev.chaosmonkey.agent.bootstrap.AsyncFaults;
import dev.chaosmonkey.agent.bootstrap.HttpDispatch;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.InjectionPoint;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The JDK {@code java.net.http.HttpClient}: {@code send} and {@code sendAsync} both go through the private
 * {@code HttpClientImpl.sendAsync(request, handler, pushHandler, executor)}, hooked once per logical call. Faults
 * travel through the returned future: failures fail it ({@code send} rethrows them), delays complete it late, status
 * faults complete it with a synthetic response built by the caller's body handler.
 */
final class JdkHttpClientInstrumentation {
    private JdkHttpClientInstrumentation() {
    }

    static AgentBuilder register(AgentBuilder builder, Weaver weaver) {
        return builder.type(named("jdk.internal.net.http.HttpClientImpl"))
                .transform(weaver.advice("jdk-http-client", SendAsyncAdvice.class,
                        named("sendAsync").and(takesArguments(4))));
    }

    static final class SendAsyncAdvice {
        private SendAsyncAdvice() {
        }

        @Advice.OnMethodEnter(skipOn = CompletableFuture.class)
        static Object enter(@Advice.Argument(0) HttpRequest request,
                @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object handler) {
            if (!ChaosMonkey.global().isArmed(InjectionPoint.HTTP) || CallDepth.isInside(CallDepth.HTTP)) {
                return null;
            }
            try {
                return HttpDispatch.jdkClient(request.method(), request.uri(), request, handler);
            } catch (Throwable t) {
                AdviceSupport.swallow("jdk-http-client", t);
                return null;
            }
        }

        @Advice.OnMethodExit
        @SuppressWarnings({"unchecked", "rawtypes"})
        static void exit(@Advice.Enter Object decision,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) CompletableFuture result) {
            if (decision instanceof CompletableFuture) {
                result = (CompletableFuture) decision;
            } else if (decision instanceof Long && result != null) {
                result = AsyncFaults.delay(result, ((Long) decision).longValue());
            }
        }
    }
}
