package dev.chaosmonkey.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;

import dev.chaosmonkey.agent.bootstrap.ApacheHttpCalls;
import dev.chaosmonkey.agent.bootstrap.ApacheBodies;
import dev.chaosmonkey.agent.bootstrap.ChaosCall;
import dev.chaosmonkey.agent.bootstrap.FiredFault;
import dev.chaosmonkey.agent.bootstrap.HttpDispatch;
import dev.chaosmonkey.agent.bootstrap.SyntheticHttp;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Apache HttpClient 5 classic: every {@code CloseableHttpClient.execute} overload goes through
 * {@code doExecute(target, request, context)}. Faults are thrown from the calling thread; status faults return a
 * synthetic {@code CloseableHttpResponse} (status, reason phrase, headers, a text body) without calling the server,
 * so response handlers and the caller's status checks see what a real error response gives them.
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

        /** Returns a synthetic response to skip the call with, or {@code null} to proceed. */
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Object enter(@Advice.This Object client,
                @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object target,
                @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object request,
                @Advice.Local("depth") int depth, @Advice.Local("chaosBody") Object bodyFault) {
            depth = HttpDispatch.CALLS.enter();
            if (depth != 0) {
                return null;
            }
            FiredFault fault = ApacheHttpCalls.decide(target, request);
            if (fault != null && fault.kind() == FiredFault.HTTP_STATUS) {
                try {
                    // what the server would have answered, without calling it; response handlers see it too
                    int status = fault.httpStatus();
                    byte[] body = SyntheticHttp.body(status, fault.httpBody(), fault.ruleId());
                    BasicClassicHttpResponse response = new BasicClassicHttpResponse(status,
                            SyntheticHttp.reason(status));
                    response.setVersion(HttpVersion.HTTP_1_1);
                    response.addHeader("Content-Type", SyntheticHttp.contentType(fault));
                    response.addHeader("Content-Length", Integer.toString(body.length));
                    String[] headers = fault.httpHeaders();
                    for (int i = 0; i + 1 < headers.length; i += 2) {
                        response.addHeader(headers[i], headers[i + 1]);
                    }
                    response.addHeader("X-Chaos-Injected", fault.ruleId());
                    response.setEntity(new ByteArrayEntity(body, ContentType.parse(SyntheticHttp.contentType(fault))));
                    return CloseableHttpResponse.adapt(response);
                } catch (Throwable t) {
                    HttpDispatch.CALLS.internalError(t); // then the IOException naming the status
                }
            }
            if (fault != null && fault.kind() == FiredFault.HTTP_BODY) {
                if (fault.actsOnResponseBody()) {
                    // the call goes to the server; the exit wraps the entity of its response
                    bodyFault = fault;
                    return null;
                }
                HttpDispatch.CALLS.exit(depth);
                throw ChaosCall.sneakyThrow(ApacheBodies.resetBeforeResponse(fault));
            }
            HttpDispatch.CALLS.perform(fault, client);
            return null;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object synthetic, @Advice.Local("depth") int depth,
                @Advice.Local("chaosBody") Object bodyFault,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object response) {
            HttpDispatch.CALLS.exit(depth);
            if (synthetic != null) {
                response = synthetic;
            } else if (bodyFault != null && response != null) {
                try {
                    CloseableHttpResponse real = (CloseableHttpResponse) response;
                    Object wrapped = real.getEntity() == null ? null
                            : ApacheBodies.wrap(real.getEntity(), (FiredFault) bodyFault, ApacheBodies.HC5);
                    if (wrapped != null) {
                        real.setEntity((org.apache.hc.core5.http.HttpEntity) wrapped);
                    }
                } catch (Throwable t) {
                    HttpDispatch.CALLS.internalError(t);
                }
            }
        }
    }
}
