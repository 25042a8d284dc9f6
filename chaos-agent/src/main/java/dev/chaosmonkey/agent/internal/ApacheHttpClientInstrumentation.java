package dev.chaosmonkey.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.chaosmonkey.agent.bootstrap.ApacheHttpCalls;
import dev.chaosmonkey.agent.bootstrap.HttpDispatch;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Apache HttpClient 5 classic: every {@code CloseableHttpClient.execute} overload goes through
 * {@code doExecute(target, request, context)}. Faults are thrown from the calling thread; status faults become an
 * {@code IOException} naming the status (HttpClient 5 offers no public way to build a response object here).
 */
final class ApacheHttpClientInstrumentation {
    private ApacheHttpClientInstrumentation() {
    }

    static AgentBuilder register(AgentBuilder builder, Weaver weaver) {
        return builder.type(nameStartsWith("org.apache.hc.client5.http.impl.classic.")
                        .and(SuperTypeMatcher.hasSuperTypeNamed(
                                "org.apache.hc.client5.http.impl.classic.CloseableHttpClient")))
                .transform(weaver.advice("apache-httpclient5", DoExecuteAdvice.class,
                        named("doExecute").and(takesArguments(3)).and(not(isAbstract()))));
    }

    static final class DoExecuteAdvice {
        private DoExecuteAdvice() {
        }

        @Advice.OnMethodEnter
        static int enter(@Advice.This Object client,
                @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object target,
                @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object request) {
            int depth = HttpDispatch.CALLS.enter();
            if (depth == 0) {
                HttpDispatch.CALLS.perform(ApacheHttpCalls.decide(target, request), client);
            }
            return depth;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter int depth) {
            HttpDispatch.CALLS.exit(depth);
        }
    }
}
