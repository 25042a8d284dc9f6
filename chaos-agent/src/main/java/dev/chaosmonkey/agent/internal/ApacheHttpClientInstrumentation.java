package dev.chaosmonkey.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.net.URIAuthority;

import dev.chaosmonkey.agent.bootstrap.AdviceSupport;
import dev.chaosmonkey.agent.bootstrap.CallDepth;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.Injection;
import dev.chaosmonkey.core.InjectionPoint;
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
                        .and(hasSuperType(named("org.apache.hc.client5.http.impl.classic.CloseableHttpClient"))))
                .transform(weaver.advice("apache-httpclient5", DoExecuteAdvice.class,
                        named("doExecute").and(takesArguments(3)).and(not(isAbstract()))));
    }

    static final class DoExecuteAdvice {
        private DoExecuteAdvice() {
        }

        @Advice.OnMethodEnter
        static boolean enter(@Advice.This Object client,
                @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object targetHost,
                @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object httpRequest) {
            if (!ChaosMonkey.global().isArmed(InjectionPoint.HTTP)) {
                return false;
            }
            if (CallDepth.enter(CallDepth.HTTP) > 0) {
                return true;
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
            if (injection != null) {
                CallDepth.perform(injection, client.getClass().getClassLoader(), CallDepth.HTTP);
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
