package dev.chaosmonkey.agent.internal;

import java.lang.instrument.Instrumentation;
import java.util.Set;

import dev.chaosmonkey.core.ChaosEvent;
import dev.chaosmonkey.core.ChaosEventListener;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.InjectionPoint;
import dev.chaosmonkey.core.internal.ChaosLog;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The JDK classes under every client ({@code java.net.Socket}, its streams, {@code SocketChannelImpl} for the
 * {@code net} point; {@code InetAddress} for {@code dns}) are woven only once a rule on that point was armed, not
 * with the first rule on any point: retransforming them costs about 200 ms of the weaver's time (the first advice
 * built, four large JDK classes rewritten, the JVM's redefinition), which a start with {@code jdbc} and {@code http}
 * rules does not need. Once woven they stay woven until the agent detaches (the advice's disarmed path is one read
 * of the armed points). Classes of these names that load later are woven once their point was armed.
 */
final class PointLatch implements ChaosEventListener {
    private final Instrumentation instrumentation;
    private volatile boolean net;
    private volatile boolean dns;
    private volatile ChaosMonkey monkey;

    PointLatch(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    /** Latches the points armed in {@code armedMask}, before the installation's first pass. */
    void seed(int armedMask) {
        net |= (armedMask & InjectionPoint.NET.bit()) != 0;
        dns |= (armedMask & InjectionPoint.DNS.bit()) != 0;
    }

    /** Types woven for the {@code net} point: matched once a net rule was armed. */
    ElementMatcher.Junction<TypeDescription> net() {
        return new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
            @Override
            public boolean matches(TypeDescription target) {
                return net;
            }
        };
    }

    /** Types woven for the {@code dns} point: matched once a dns rule was armed. */
    ElementMatcher.Junction<TypeDescription> dns() {
        return new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
            @Override
            public boolean matches(TypeDescription target) {
                return dns;
            }
        };
    }

    /** Follows {@code chaos}: weaves a point's classes when its first rule is armed or becomes active. */
    void follow(ChaosMonkey chaos) {
        monkey = chaos;
        chaos.getEventPublisher().onArmed(this).onActivated(this).onSwitched(this);
        refresh(chaos.armedPointsMask());
    }

    void unfollow() {
        ChaosMonkey chaos = monkey;
        if (chaos != null) {
            chaos.removeListener(this);
        }
    }

    /**
     * A rule armed on the point weaves its classes even while chaos is disabled (the armed-points mask then leaves it
     * out): weaving ahead of enabling costs nothing, and the rule acts from the moment chaos is enabled.
     */
    @Override
    public void onEvent(ChaosEvent event) {
        ChaosMonkey chaos = monkey;
        if (net && dns || chaos == null) {
            return;
        }
        InjectionPoint point = event.point();
        refresh(chaos.armedPointsMask() | (point == null ? 0 : point.bit()));
    }

    private synchronized void refresh(int mask) {
        if (!net && (mask & InjectionPoint.NET.bit()) != 0) {
            net = true;
            weave("net", SocketInstrumentation.TYPES);
        }
        if (!dns && (mask & InjectionPoint.DNS.bit()) != 0) {
            dns = true;
            weave("dns", Set.of(DnsInstrumentation.TYPE));
        }
    }

    private void weave(String point, Set<String> types) {
        try {
            LoadedTypes.retransform(instrumentation, types);
        } catch (Throwable t) {
            ChaosLog.warn("chaos-agent: could not weave the JDK classes of the " + point + " point; its rules do"
                    + " not fire", t);
        }
    }
}
