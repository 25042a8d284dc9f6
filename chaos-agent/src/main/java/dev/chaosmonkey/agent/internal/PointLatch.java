package dev.chaosmonkey.agent.internal;

import java.lang.instrument.Instrumentation;
import java.util.Map;
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
    /** The JDK classes of each latched point. */
    private static final Map<InjectionPoint, Set<String>> TYPES = Map.of(
            InjectionPoint.NET, SocketInstrumentation.TYPES,
            InjectionPoint.DNS, Set.of(DnsInstrumentation.TYPE));
    /** The bits of every latched point. */
    private static final int ALL = InjectionPoint.NET.bit() | InjectionPoint.DNS.bit();
    private final Instrumentation instrumentation;
    /** The bits of the points whose classes are woven (once set, never cleared). */
    private volatile int woven;
    private volatile ChaosMonkey monkey;

    PointLatch(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    /** Latches the points armed in {@code armedMask}, before the installation's first pass. */
    void seed(int armedMask) {
        woven |= armedMask & ALL;
    }

    /** Types woven for {@code point} ({@code net} or {@code dns}): matched once a rule on it was armed. */
    ElementMatcher.Junction<TypeDescription> armed(InjectionPoint point) {
        int bit = point.bit();
        return new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
            @Override
            public boolean matches(TypeDescription target) {
                return (woven & bit) != 0;
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
        if (woven == ALL || chaos == null) {
            return;
        }
        InjectionPoint point = event.point();
        refresh(chaos.armedPointsMask() | (point == null ? 0 : point.bit()));
    }

    private synchronized void refresh(int mask) {
        for (Map.Entry<InjectionPoint, Set<String>> e : TYPES.entrySet()) {
            int bit = e.getKey().bit();
            if ((woven & bit) == 0 && (mask & bit) != 0) {
                woven |= bit;
                try {
                    LoadedTypes.retransform(instrumentation, e.getValue());
                } catch (Throwable t) {
                    ChaosLog.warn("chaos-agent: could not weave the JDK classes of the " + e.getKey().specName()
                            + " point; its rules do not fire", t);
                }
            }
        }
    }
}
