package dev.chaosmonkey.agent.internal;

import dev.chaosmonkey.agent.bootstrap.ChaosBridge;
import dev.chaosmonkey.agent.bootstrap.ChaosState;
import dev.chaosmonkey.agent.bootstrap.FiredFault;
import dev.chaosmonkey.agent.bootstrap.MethodCalls;
import dev.chaosmonkey.core.BandwidthFault;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.Fault;
import dev.chaosmonkey.core.HttpStatusFault;
import dev.chaosmonkey.core.Injection;
import dev.chaosmonkey.core.InjectionPoint;
import dev.chaosmonkey.core.ResetFault;
import dev.chaosmonkey.core.ReturnFault;
import dev.chaosmonkey.core.StallFault;
import dev.chaosmonkey.core.TimeoutFault;

/**
 * The bridge's view of one {@link ChaosMonkey}: the global instance of the chaos-core this class was linked with,
 * which is the application's copy when the application loaded chaos-core before the agent attached.
 */
final class CoreChaosState implements ChaosState {
    private final ChaosMonkey monkey;

    private CoreChaosState(ChaosMonkey monkey) {
        this.monkey = monkey;
    }

    /** Points the bridge at {@code monkey}. Refuses (before changing anything) when point bits disagree. */
    static void install(ChaosMonkey monkey) {
        check(InjectionPoint.JDBC, ChaosBridge.JDBC);
        check(InjectionPoint.HTTP, ChaosBridge.HTTP);
        check(InjectionPoint.KAFKA, ChaosBridge.KAFKA);
        check(InjectionPoint.METHOD, ChaosBridge.METHOD);
        check(InjectionPoint.NET, ChaosBridge.NET);
        ChaosBridge.install(new CoreChaosState(monkey));
    }

    private static void check(InjectionPoint point, int bridgeBit) {
        if (point.bit() != bridgeBit) {
            throw new IllegalStateException("chaos-core point " + point + " has bit " + point.bit() + " but the agent"
                    + " bridge expects " + bridgeBit + ": the application's chaos-core version does not fit this agent");
        }
    }

    @Override
    public int armedMask() {
        return monkey.armedPointsMask();
    }

    @Override
    public FiredFault decideJdbc(String operation, String sql, String url) {
        return fired(monkey.decideJdbc(operation, sql, url));
    }

    @Override
    public FiredFault decideHttp(String method, String scheme, String host, int port, String path) {
        return fired(monkey.decideHttp(method, scheme, host, port, path));
    }

    @Override
    public FiredFault decideKafka(String topic, boolean keyPresent) {
        return fired(monkey.decideKafka(topic, keyPresent));
    }

    @Override
    public FiredFault decideMethod(String className, String methodName) {
        return fired(monkey.decideMethod(className, methodName));
    }

    @Override
    public FiredFault decideNet(String host, String address, String operation, int port) {
        return fired(monkey.decideNet(host, address, operation, port));
    }

    private static FiredFault fired(Injection injection) {
        return injection == null ? null : new Fired(injection);
    }

    /** One injection in bridge terms; allocated only when a rule fires. */
    private static final class Fired implements FiredFault {
        private final Injection injection;
        private final int kind;
        /** Drawn once: advice asks for the status several times while building one response. */
        private final int status;

        Fired(Injection injection) {
            this.injection = injection;
            this.kind = kindOf(injection.fault());
            this.status = kind == HTTP_STATUS ? ((HttpStatusFault) injection.fault()).status() : -1;
        }

        private static int kindOf(Fault fault) {
            switch (fault.kind()) {
                case "exception":
                    return EXCEPTION;
                case "delay":
                    return DELAY;
                case "timeout":
                    return TIMEOUT;
                case "status":
                    return HTTP_STATUS;
                case "return":
                    return RETURN;
                case "reset":
                    return RESET;
                case "bandwidth":
                    return BANDWIDTH;
                case "stall":
                    return STALL;
                default:
                    return OTHER;
            }
        }

        @Override
        public String ruleId() {
            return injection.ruleId();
        }

        @Override
        public int kind() {
            return kind;
        }

        @Override
        public int httpStatus() {
            return status;
        }

        @Override
        public String httpBody() {
            return kind == HTTP_STATUS ? ((HttpStatusFault) injection.fault()).body() : null;
        }

        @Override
        public long delayNanos() {
            if (kind == DELAY) {
                return injection.fault().nextPauseNanos();
            }
            return kind == TIMEOUT ? ((TimeoutFault) injection.fault()).bound().toNanos() : 0;
        }

        @Override
        public void perform(ClassLoader loader) {
            injection.perform(loader);
        }

        @Override
        public Throwable newThrowable(ClassLoader loader, String defaultClassName) {
            return injection.newThrowable(loader, defaultClassName);
        }

        @Override
        public Object returnValue(Class<?> type) {
            if (kind != RETURN) {
                return MethodCalls.PROCEED;
            }
            Object value = ((ReturnFault) injection.fault()).valueFor(type);
            return value == ReturnFault.NO_VALUE ? MethodCalls.PROCEED : value;
        }

        @Override
        public void sleep() {
            injection.sleep();
        }

        @Override
        public long netBytes() {
            switch (kind) {
                case RESET:
                    return ((ResetFault) injection.fault()).afterBytes();
                case STALL:
                    return ((StallFault) injection.fault()).afterBytes();
                case BANDWIDTH:
                    return ((BandwidthFault) injection.fault()).bytesPerSecond();
                default:
                    return 0;
            }
        }

        @Override
        public long stallNanos() {
            java.time.Duration d = kind == STALL ? ((StallFault) injection.fault()).duration() : null;
            return d == null ? 0 : d.toNanos();
        }

        @Override
        public boolean hold(long nanos) {
            return injection.hold(nanos);
        }

        @Override
        public boolean acting() {
            return injection.acting();
        }

        @Override
        public Throwable labelled(Throwable t) {
            return injection.labelled(t);
        }
    }
}
