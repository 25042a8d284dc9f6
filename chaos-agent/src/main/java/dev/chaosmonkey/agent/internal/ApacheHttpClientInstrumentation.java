package dev.chaosmonkey.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.apache.hc.core5.net.URIAuthority;

import dev.chaosmonkey.agent.bootstrap.AdviceSupport;
import dev.chaosmonkey.agent.bootstrap.CallDepth;
import dev.chaosmonkey.agent.bootstrap.SyntheticHttp;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.HttpStatusFault;
import dev.chaosmonkey.core.Injection;
import dev.chaosmonkey.core.InjectionPoint;
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
                        .and(hasSuperType(named("org.apache.hc.client5.http.impl.classic.CloseableHttpClient"))))
                .transform(weaver.advice("apache-httpclient5", DoExecuteAdvice.class,
                        named("doExecute").and(takesArguments(3)).and(not(isAbstract()))));
    }

    static final class DoExecuteAdvice {
        private DoExecuteAdvice() {
        }

        /** Returns a synthetic response to skip the call with, or {@code null} to proceed. */
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Object enter(@Advice.This Object client,
                @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object targetHost,
                @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object httpRequest,
                @Advice.Local("tracked") boolean tracked) {
            if (!ChaosMonkey.global().isArmed(InjectionPoint.HTTP)) {
                return null;
            }
            tracked = true;
            if (CallDepth.enter(CallDepth.HTTP) > 0) {
                return null;
            }
            Injection injection = null;
            try {
                ClassicHttpRequest request = (ClassicHttpRequest) httpRequest;
                HttpHost target = (HttpHost) targetHost;
                String scheme;
                String host;
                int port;
                if (target != null) {
                    scheme = target.getSchemeName();
                    host = target.getHostName();
                    port = target.getPort();
                } else {
                    URIAuthority authority = request.getAuthority();
                    scheme = request.getScheme();
                    host = authority == null ? null : authority.getHostName();
                    port = authority == null ? -1 : authority.getPort();
                }
                injection = ChaosMonkey.global().decideHttp(request.getMethod(), scheme, host,
                        AdviceSupport.port(port, scheme), AdviceSupport.path(request.getPath()));
            } catch (Throwable t) {
                AdviceSupport.swallow("apache-httpclient5", t);
            }
            if (injection != null && injection.fault() instanceof HttpStatusFault) {
                try {
                    // what the server would have answered, without calling it; response handlers see it too
                    HttpStatusFault fault = (HttpStatusFault) injection.fault();
                    int status = fault.status();
                    byte[] body = SyntheticHttp.body(fault, injection.ruleId());
                    BasicClassicHttpResponse response = new BasicClassicHttpResponse(status,
                            SyntheticHttp.reason(status));
                    response.setVersion(HttpVersion.HTTP_1_1);
                    response.addHeader("Content-Type", SyntheticHttp.CONTENT_TYPE);
                    response.addHeader("Content-Length", Integer.toString(body.length));
                    response.setEntity(new ByteArrayEntity(body, ContentType.parse(SyntheticHttp.CONTENT_TYPE)));
                    return CloseableHttpResponse.adapt(response);
                } catch (Throwable t) {
                    AdviceSupport.swallow("apache-httpclient5", t); // then the IOException naming the status
                }
            }
            if (injection != null) {
                CallDepth.perform(injection, client.getClass().getClassLoader(), CallDepth.HTTP);
            }
            return null;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object synthetic, @Advice.Local("tracked") boolean tracked,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object response) {
            if (tracked) {
                CallDepth.exit(CallDepth.HTTP);
            }
            if (synthetic != null) {
                response = synthetic;
            }
        }
    }
}
