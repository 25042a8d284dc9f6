package dev.chaosmonkey.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.chaosmonkey.agent.bootstrap.DnsCalls;
import dev.chaosmonkey.core.InjectionPoint;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * Host-name lookups through {@code java.net.InetAddress}: {@code getByName}, {@code getAllByName} (and so
 * {@code new InetSocketAddress(host, port)}, every client that resolves through the JDK), {@code getLocalHost} when
 * it resolves the machine's name. All of them reach the private designated lookup method, after literal IP addresses
 * were answered and before the address cache: {@code getAllByName0(String, InetAddress, boolean, boolean)} on JDK 17,
 * {@code getAllByName0(String, boolean)} on JDK 18+ (where it calls the {@code InetAddressResolver}). Exactly one of
 * them is private on each JDK, so each lookup is decided once; the per-thread depth guards the rest.
 */
final class DnsInstrumentation {
    static final String TYPE = "java.net.InetAddress";

    private DnsInstrumentation() {
    }

    static AgentBuilder register(AgentBuilder builder, Weaver weaver, PointLatch latch) {
        return builder.type(named(TYPE).and(latch.armed(InjectionPoint.DNS)))
                .transform(weaver.advice("dns", LookupAdvice.class, named("getAllByName0").and(isPrivate())
                        .and(isStatic()).and(takesArgument(0, String.class))
                        .and(takesArguments(2).or(takesArguments(4)))));
    }

    static final class LookupAdvice {
        private LookupAdvice() {
        }

        @Advice.OnMethodEnter
        static int enter(@Advice.Argument(0) String host) {
            int depth = DnsCalls.LOOKUPS.enter();
            if (depth == 0) {
                DnsCalls.lookup(host);
            }
            return depth;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter int depth) {
            DnsCalls.LOOKUPS.exit(depth);
        }
    }
}
