package dev.chaosmonkey.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.net.HttpURLConnection;

import dev.chaosmonkey.agent.bootstrap.HttpDispatch;
import dev.chaosmonkey.agent.bootstrap.UrlConnectionResponse;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * {@code java.net.HttpURLConnection} (the JDK's {@code sun.net.www.protocol.http} implementation, HTTPS included):
 * {@code getInputStream}, which {@code getResponseCode} also calls. One decision per connection; a failure is
 * raised again on later calls on the same connection, as the JDK does with real failures. Status faults give the
 * connection a synthetic error response: {@code getResponseCode()} returns the status, headers and
 * {@code getErrorStream()} answer from it, and {@code getInputStream} throws the {@code IOException} the JDK throws
 * for a real error status.
 */
final class HttpUrlConnectionInstrumentation {
    /** The instrumentation name its advice is recorded under. */
    static final String NAME = "http-url-connection";

    private HttpUrlConnectionInstrumentation() {
    }

    static AgentBuilder register(AgentBuilder builder, Weaver weaver) {
        return builder.type(named("sun.net.www.protocol.http.HttpURLConnection"))
                .transform(weaver.advice(NAME, GetInputStreamAdvice.class,
                        named("getInputStream").and(takesArguments(0))))
                .transform(weaver.advice(NAME, SyntheticHeaderAdvice.class,
                        named("getHeaderField").and(takesArguments(1))
                                .or(named("getHeaderFieldKey").and(takesArguments(1)))))
                .transform(weaver.advice(NAME, SyntheticResponseAdvice.class,
                        named("getHeaderFields").and(takesArguments(0))
                                .or(named("getErrorStream").and(takesArguments(0)))));
    }

    /*
     * Advice signatures use only JDK types: the type pool that describes advice cannot see the bootstrap bridge.
     */

    /**
     * {@code getHeaderField(int)}, {@code getHeaderField(String)} and {@code getHeaderFieldKey(int)} of a connection
     * that a status fault gave a synthetic error response; other connections run the JDK's code after one volatile
     * read. The JDK's header methods call {@code getInputStream} first, which may make the decision, so the exit
     * looks again.
     */
    static final class SyntheticHeaderAdvice {
        private SyntheticHeaderAdvice() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Object enter(@Advice.This HttpURLConnection connection) {
            return UrlConnectionResponse.of(connection);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This HttpURLConnection connection, @Advice.Enter Object synthetic,
                @Advice.Origin("#m") String method,
                @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object argument,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object value) {
            UrlConnectionResponse response = synthetic != null ? (UrlConnectionResponse) synthetic
                    : UrlConnectionResponse.of(connection);
            if (response != null) {
                value = response.answer(method, argument);
            }
        }
    }

    /** {@code getHeaderFields()} and {@code getErrorStream()}, like {@link SyntheticHeaderAdvice}. */
    static final class SyntheticResponseAdvice {
        private SyntheticResponseAdvice() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Object enter(@Advice.This HttpURLConnection connection) {
            return UrlConnectionResponse.of(connection);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This HttpURLConnection connection, @Advice.Enter Object synthetic,
                @Advice.Origin("#m") String method,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object value) {
            UrlConnectionResponse response = synthetic != null ? (UrlConnectionResponse) synthetic
                    : UrlConnectionResponse.of(connection);
            if (response != null) {
                value = response.answer(method, null);
            }
        }
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
        static void exit(@Advice.This HttpURLConnection connection, @Advice.Enter int depth,
                @Advice.Return(readOnly = false) java.io.InputStream body) {
            if (depth == 0 && body != null) {
                // still inside the call: the header reads of the wrapping do not decide again
                body = HttpDispatch.urlConnectionBody(connection, body);
            }
            HttpDispatch.CALLS.exit(depth);
        }
    }
}
