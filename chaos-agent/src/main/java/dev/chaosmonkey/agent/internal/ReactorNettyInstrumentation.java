package dev.chaosmonkey.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.function.Function;

import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClientConfig;
import reactor.util.context.Context;

import dev.chaosmonkey.agent.bootstrap.FiredFault;
import dev.chaosmonkey.agent.bootstrap.ReactorNettyCalls;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Reactor Netty {@code HttpClient} 1.2 and 1.3 (Spring's {@code WebClient} over {@code ReactorClientHttpConnector}):
 * {@code HttpClientConnect.MonoHttpConnect.subscribe}, run once per subscription of a request (every
 * {@code response()}, {@code responseContent()}, {@code responseSingle(...)} goes through it; redirects and the
 * client's own connection retries happen inside). Faults travel through the reactive pipeline, never thrown and
 * never blocking a thread: exceptions are the error signal; delays and timeouts are engine holds (released by the
 * kill switch) after which the request proceeds, or, for a timeout that ran its course, the error signal arrives;
 * status faults are an {@code IOException} naming the status (the response of this client is bound to a live
 * connection; WebClient with chaos-spring answers a real synthetic status from its filter instead).
 */
final class ReactorNettyInstrumentation {
    static final String TYPE = "reactor.netty.http.client.HttpClientConnect$MonoHttpConnect";

    private ReactorNettyInstrumentation() {
    }

    static AgentBuilder register(AgentBuilder builder, Weaver weaver) {
        return builder.type(named(TYPE))
                .transform(weaver.advice("reactor-netty", SubscribeAdvice.class,
                        named("subscribe").and(takesArguments(1))));
    }

    static final class SubscribeAdvice {
        private SubscribeAdvice() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        @SuppressWarnings({"unchecked", "rawtypes"})
        static boolean enter(@Advice.This Object self,
                @Advice.FieldValue(value = "config", typing = Assigner.Typing.DYNAMIC) Object config,
                @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object actual) {
            // parameters typed Object: the advice is described without Reactor on the agent's class path
            if (!ReactorNettyCalls.armed()) {
                return false;
            }
            CoreSubscriber subscriber = (CoreSubscriber) actual;
            Mono faulted;
            try {
                if (subscriber.currentContext().hasKey(ReactorNettyCalls.DECIDED)) {
                    return false;
                }
                HttpClientConfig c = (HttpClientConfig) config;
                FiredFault fault = ReactorNettyCalls.decide(c.method().name(), c.uri(), c.baseUrl(), c.isSecure(),
                        c.remoteAddress());
                if (fault == null) {
                    return false;
                }
                int kind = fault.kind();
                if (kind == FiredFault.EXCEPTION || kind == FiredFault.HTTP_STATUS) {
                    faulted = Mono.error(ReactorNettyCalls.failure(fault, self));
                } else if (kind == FiredFault.DELAY || kind == FiredFault.TIMEOUT) {
                    // the request itself, marked so that this advice lets it through when the hold ends
                    Mono proceed = ((Mono) self).contextWrite(Context.of(ReactorNettyCalls.DECIDED, Boolean.TRUE));
                    Mono hold = Mono.fromFuture(fault.holdAsync(fault.delayNanos()));
                    faulted = kind == FiredFault.DELAY ? hold.then(proceed)
                            : hold.flatMap((Function) ReactorNettyCalls.afterTimeout(
                                    Mono.error(ReactorNettyCalls.failure(fault, self)), proceed));
                } else {
                    Throwable raised = ReactorNettyCalls.performOther(fault, self);
                    if (raised == null) {
                        return false;
                    }
                    faulted = Mono.error(raised);
                }
            } catch (Throwable t) {
                ReactorNettyCalls.CALLS.internalError(t);
                return false;
            }
            faulted.subscribe(subscriber);
            return true;
        }
    }
}
