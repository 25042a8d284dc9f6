package dev.chaosmonkey.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Okio;
import okio.Source;

import dev.chaosmonkey.agent.bootstrap.ChaosCall;
import dev.chaosmonkey.agent.bootstrap.FiredFault;
import dev.chaosmonkey.agent.bootstrap.OkHttpBodies;
import dev.chaosmonkey.agent.bootstrap.OkHttpCalls;
import dev.chaosmonkey.agent.bootstrap.SyntheticHttp;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * OkHttp 3.x, 4.x and 5.x: {@code RealCall.getResponseWithInterceptorChain}, which both {@code execute()} and the dispatcher thread
 * of {@code enqueue()} run once per call (retries and redirects happen inside the chain). Failures are thrown there,
 * so {@code execute()} throws them and {@code enqueue()} delivers them to {@code Callback.onFailure}; delays sleep
 * on the thread making the call; status faults return a synthetic response without touching the network.
 */
final class OkHttpInstrumentation {
    private OkHttpInstrumentation() {
    }

    static AgentBuilder register(AgentBuilder builder, Weaver weaver) {
        // OkHttp 4 and 5: okhttp3.internal.connection.RealCall (4.x mangles the name: ...Chain$okhttp); OkHttp 3:
        // okhttp3.RealCall, same method
        return builder.type(named("okhttp3.internal.connection.RealCall").or(named("okhttp3.RealCall")))
                .transform(weaver.advice("okhttp", ChainAdvice.class,
                        nameStartsWith("getResponseWithInterceptorChain").and(takesArguments(0))));
    }

    static final class ChainAdvice {
        private ChainAdvice() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Object enter(@Advice.This Object self, @Advice.Local("chaosBody") Object bodyFault) {
            FiredFault fault = OkHttpCalls.decide(self);
            if (fault != null && fault.httpStatus() > 0) {
                try {
                    long now = System.currentTimeMillis();
                    int status = fault.httpStatus();
                    // create(MediaType, String): the one body factory OkHttp 3, 4 and 5 all have
                    String text = new String(SyntheticHttp.body(status, fault.httpBody(), fault.ruleId()),
                            java.nio.charset.StandardCharsets.UTF_8);
                    Response.Builder response = new Response.Builder().request(((Call) self).request())
                            .protocol(Protocol.HTTP_1_1).code(status).message(SyntheticHttp.reason(status))
                            .header("Content-Type", SyntheticHttp.contentType(fault));
                    String[] headers = fault.httpHeaders();
                    for (int i = 0; i + 1 < headers.length; i += 2) {
                        response.addHeader(headers[i], headers[i + 1]);
                    }
                    return response.header("X-Chaos-Injected", fault.ruleId())
                            .body(ResponseBody.create(MediaType.parse(SyntheticHttp.contentType(fault)), text))
                            .sentRequestAtMillis(now).receivedResponseAtMillis(now).build();
                } catch (Throwable t) {
                    // falls back to the IOException naming the status
                    OkHttpCalls.CALLS.internalError(t);
                }
            }
            if (fault != null && fault.kind() == FiredFault.HTTP_BODY) {
                if (fault.actsOnResponseBody()) {
                    // the call goes to the server; the exit wraps the body of its response
                    bodyFault = fault;
                    return null;
                }
                throw ChaosCall.sneakyThrow(OkHttpBodies.resetBeforeResponse(fault));
            }
            OkHttpCalls.CALLS.perform(fault, self);
            return null;
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter Object synthetic, @Advice.Local("chaosBody") Object bodyFault,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object response) {
            if (synthetic != null) {
                response = synthetic;
            } else if (bodyFault != null && response != null) {
                try {
                    Response real = (Response) response;
                    ResponseBody body = real.body();
                    Object source = body == null ? null : OkHttpBodies.wrap(body.source(), (FiredFault) bodyFault,
                            body.contentLength(), "chunked".equalsIgnoreCase(real.header("Transfer-Encoding")));
                    if (source != null) {
                        // create(MediaType, long, BufferedSource): the one such factory OkHttp 3, 4 and 5 all have
                        response = real.newBuilder().body(ResponseBody.create(body.contentType(),
                                body.contentLength(), Okio.buffer((Source) source))).build();
                    }
                } catch (Throwable t) {
                    OkHttpCalls.CALLS.internalError(t);
                }
            }
        }
    }
}
