package dev.chaosmonkey.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import dev.chaosmonkey.agent.bootstrap.AdviceSupport;
import dev.chaosmonkey.agent.bootstrap.SyntheticHttp;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.HttpStatusFault;
import dev.chaosmonkey.core.Injection;
import dev.chaosmonkey.core.InjectionPoint;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * OkHttp 5: {@code RealCall.getResponseWithInterceptorChain}, which both {@code execute()} and the dispatcher thread
 * of {@code enqueue()} run once per call (retries and redirects happen inside the chain). Failures are thrown there,
 * so {@code execute()} throws them and {@code enqueue()} delivers them to {@code Callback.onFailure}; delays sleep
 * on the thread making the call; status faults return a synthetic response without touching the network.
 */
final class OkHttpInstrumentation {
    private OkHttpInstrumentation() {
    }

    static AgentBuilder register(AgentBuilder builder, Weaver weaver) {
        return builder.type(named("okhttp3.internal.connection.RealCall"))
                .transform(weaver.advice("okhttp", ChainAdvice.class,
                        nameStartsWith("getResponseWithInterceptorChain").and(takesArguments(0))));
    }

    static final class ChainAdvice {
        private ChainAdvice() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Object enter(@Advice.This Object self) throws Throwable {
            if (!ChaosMonkey.global().isArmed(InjectionPoint.HTTP)) {
                return null;
            }
            Injection injection = null;
            Request request = null;
            try {
                request = ((Call) self).request();
                HttpUrl url = request.url();
                injection = ChaosMonkey.global().decideHttp(request.method(), url.scheme(), url.host(), url.port(),
                        AdviceSupport.path(url.encodedPath()));
            } catch (Throwable t) {
                AdviceSupport.swallow("okhttp", t);
            }
            if (injection == null) {
                return null;
            }
            if (injection.fault() instanceof HttpStatusFault) {
                try {
                    int status = ((HttpStatusFault) injection.fault()).status();
                    long now = System.currentTimeMillis();
                    return new Response.Builder()
                            .request(request)
                            .protocol(Protocol.HTTP_1_1)
                            .code(status)
                            .message(SyntheticHttp.reason(status))
                            .header("Content-Type", SyntheticHttp.CONTENT_TYPE)
                            .body(ResponseBody.create(SyntheticHttp.body((HttpStatusFault) injection.fault(),
                                    injection.ruleId()),
                                    MediaType.parse(SyntheticHttp.CONTENT_TYPE)))
                            .sentRequestAtMillis(now)
                            .receivedResponseAtMillis(now)
                            .build();
                } catch (Throwable t) {
                    // fall back to the IOException naming the status
                    AdviceSupport.swallow("okhttp", t);
                }
            }
            injection.perform(self.getClass().getClassLoader());
            return null;
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter Object synthetic,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object response) {
            if (synthetic != null) {
                response = synthetic;
            }
        }
    }
}
