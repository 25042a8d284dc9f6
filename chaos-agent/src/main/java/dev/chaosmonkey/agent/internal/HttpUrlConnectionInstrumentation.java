package dev.chaosmonkey.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.net.HttpURLConnection;

import dev.chaosmonkey.agent.bootstrap.HttpDispatch;
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
        static int enter(@Advice.This HttpURLConnection connection) throws Throwable {
            int depth = HttpDispatch.CALLS.enter();
            Throwable failure = depth == 0 ? HttpDispatch.urlConnection(connection) : null;
            if (failure != null) {
                HttpDispatch.CALLS.exit(depth);
                throw failure;
            }
            return depth;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter int depth) {
            HttpDispatch.CALLS.exit(depth);
        }
    }
}
