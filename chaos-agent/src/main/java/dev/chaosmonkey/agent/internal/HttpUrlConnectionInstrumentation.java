package dev.chaosmonkey.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.net.HttpURLConnection;

import dev.chaosmonkey.agent.bootstrap.AdviceSupport;
import dev.chaosmonkey.agent.bootstrap.CallDepth;
import dev.chaosmonkey.agent.bootstrap.HttpDispatch;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.InjectionPoint;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * {@code java.net.HttpURLConnection} (the JDK's {@code sun.net.www.protocol.http} implementation, HTTPS included):
 * {@code getInputStream}, which {@code getResponseCode} also calls. One decision per connection; a failure is
 * raised again on later calls on the same connection, as the JDK does with real failures. Status faults become an
 * {@code IOException} naming the status, as the JDK reports error statuses from {@code getInputStream}.
 */
final class HttpUrlConnectionInstrumentation {
    private HttpUrlConnectionInstrumentation() {
    }

    static AgentBuilder register(AgentBuilder builder, Weaver weaver) {
        return builder.type(named("sun.net.www.protocol.http.HttpURLConnection"))
                .transform(weaver.advice("http-url-connection", GetInputStreamAdvice.class,
                        named("getInputStream").and(takesArguments(0))));
    }

    static final class GetInputStreamAdvice {
        private GetInputStreamAdvice() {
        }

        @Advice.OnMethodEnter
        static boolean enter(@Advice.This HttpURLConnection connection) throws Throwable {
            if (!ChaosMonkey.global().isArmed(InjectionPoint.HTTP)) {
                return false;
            }
            if (CallDepth.enter(CallDepth.HTTP) > 0) {
                return true;
            }
            Throwable failure = null;
            try {
                failure = HttpDispatch.urlConnection(connection, connection.getRequestMethod(), connection.getURL());
            } catch (Throwable t) {
                AdviceSupport.swallow("http-url-connection", t);
            }
            if (failure != null) {
                CallDepth.exit(CallDepth.HTTP);
                throw failure;
            }
            return true;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter boolean tracked) {
            if (tracked) {
                CallDepth.exit(CallDepth.HTTP);
            }
        }
    }
}
