package dev.chaosmonkey.agent.internal;

import java.nio.charset.StandardCharsets;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import org.apache.http.HttpVersion;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.message.BasicHttpResponse;

import dev.chaosmonkey.agent.bootstrap.ApacheHttp4Calls;
import dev.chaosmonkey.agent.bootstrap.ApacheBodies;
import dev.chaosmonkey.agent.bootstrap.ChaosCall;
import dev.chaosmonkey.agent.bootstrap.FiredFault;
import dev.chaosmonkey.agent.bootstrap.SyntheticHttp;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Apache HttpClient 4.5 classic: every {@code CloseableHttpClient.execute} overload (also the ones taking a
 * {@code ResponseHandler}) goes through {@code doExecute(target, request, context)}, once per logical call. Faults
 * are thrown from the calling thread; delays sleep there, then the request is sent; status faults return a synthetic
 * {@code CloseableHttpResponse} (status line, a text body naming the rule) without touching the network.
 */
final class ApacheHttpClient4Instrumentation {
    private ApacheHttpClient4Instrumentation() {
    }

    static AgentBuilder register(AgentBuilder builder, Weaver weaver) {
        return builder.type(nameStartsWith("org.apache.http.impl.client.")
                        .and(SuperTypeMatcher.hasSuperTypeNamed("org.apache.http.impl.client.CloseableHttpClient")))
                .transform(weaver.advice("apache-httpclient4", DoExecuteAdvice.class,
                        named("doExecute").and(takesArguments(3)).and(not(isAbstract()))));
    }

    static final class DoExecuteAdvice {
        private DoExecuteAdvice() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Object enter(@Advice.This Object client,
                @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object target,
                @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object request,
                @Advice.Local("depth") int depth, @Advice.Local("chaosBody") Object bodyFault) {
            depth = ApacheHttp4Calls.CALLS.enter();
            if (depth != 0) {
                return null;
            }
            FiredFault fault = ApacheHttp4Calls.decide(target, request);
            if (fault != null && fault.httpStatus() > 0) {
                try {
                    int status = fault.httpStatus();
                    BasicHttpResponse response = new BasicHttpResponse(HttpVersion.HTTP_1_1, status,
                            SyntheticHttp.reason(status));
                    String[] headers = fault.httpHeaders();
                    for (int i = 0; i + 1 < headers.length; i += 2) {
                        response.addHeader(headers[i], headers[i + 1]);
                    }
                    response.addHeader("X-Chaos-Injected", fault.ruleId());
                    response.setEntity(new StringEntity(new String(SyntheticHttp.body(status, fault.httpBody(),
                            fault.ruleId()), StandardCharsets.UTF_8), fault.httpContentType() == null
                                    ? ContentType.create("text/plain", "UTF-8")
                                    : ContentType.parse(fault.httpContentType())));
                    return ApacheHttp4Calls.closeable(response, CloseableHttpResponse.class);
                } catch (Throwable t) {
                    // falls back to the IOException naming the status
                    ApacheHttp4Calls.CALLS.internalError(t);
                }
            }
            if (fault != null && fault.kind() == FiredFault.HTTP_BODY) {
                if (fault.actsOnResponseBody()) {
                    // the call goes to the server; the exit wraps the entity of its response
                    bodyFault = fault;
                    return null;
                }
                ApacheHttp4Calls.CALLS.exit(depth);
                throw ChaosCall.sneakyThrow(ApacheBodies.resetBeforeResponse(fault));
            }
            ApacheHttp4Calls.CALLS.perform(fault, client);
            return null;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object synthetic, @Advice.Local("depth") int depth,
                @Advice.Local("chaosBody") Object bodyFault,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object response) {
            ApacheHttp4Calls.CALLS.exit(depth);
            if (synthetic != null) {
                response = synthetic;
            } else if (bodyFault != null && response != null) {
                try {
                    CloseableHttpResponse real = (CloseableHttpResponse) response;
                    Object wrapped = real.getEntity() == null ? null
                            : ApacheBodies.wrap(real.getEntity(), (FiredFault) bodyFault, ApacheBodies.HC4);
                    if (wrapped != null) {
                        real.setEntity((org.apache.http.HttpEntity) wrapped);
                    }
                } catch (Throwable t) {
                    ApacheHttp4Calls.CALLS.internalError(t);
                }
            }
        }
    }
}
