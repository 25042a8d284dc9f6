package dev.chaosmonkey.agent.internal;

import dev.chaosmonkey.agent.bootstrap.ChaosBridge;
import dev.chaosmonkey.agent.bootstrap.ChaosState;
import dev.chaosmonkey.agent.bootstrap.FiredFault;
import dev.chaosmonkey.agent.bootstrap.MethodCalls;
import dev.chaosmonkey.agent.bootstrap.SyntheticHttp;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.ExceptionFault;
import dev.chaosmonkey.core.Fault;
import dev.chaosmonkey.core.HttpStatusFault;
import dev.chaosmonkey.core.Injection;
import dev.chaosmonkey.core.InjectionPoint;
import dev.chaosmonkey.core.ResponseBodyFault;
import dev.chaosmonkey.core.ReturnFault;
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
        check(InjectionPoint.DNS, ChaosBridge.DNS);
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
    public boolean matchesDns(String host) {
        return monkey.matchesDns(host);
    }

    @Override
    public FiredFault decideDns(String host) {
        return fired(monkey.decideDns(host));
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
                case "truncate":
                case "dribble":
                    return HTTP_BODY;
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
        public String[] httpHeaders() {
            if (kind != HTTP_STATUS) {
                return SyntheticHttp.NO_HEADERS;
            }
            HttpStatusFault fault = (HttpStatusFault) injection.fault();
            String[] names = fault.headerNames();
            String[] values = fault.headerValues();
            java.util.List<String> flat = new java.util.ArrayList<>(names.length * 2);
            for (int i = 0; i < names.length; i++) {
                if (!names[i].equalsIgnoreCase("Content-Type")) {
                    flat.add(names[i]);
                    flat.add(values[i]);
                }
            }
            return flat.toArray(new String[0]);
        }

        @Override
        public String httpContentType() {
            if (kind != HTTP_STATUS) {
                return null;
            }
            HttpStatusFault fault = (HttpStatusFault) injection.fault();
            String[] names = fault.headerNames();
            for (int i = 0; i < names.length; i++) {
                if (names[i].equalsIgnoreCase("Content-Type")) {
                    return fault.headerValues()[i];
                }
            }
            return null;
        }

        @Override
        public boolean generatedMessage() {
            if (kind == EXCEPTION) {
                return ((ExceptionFault) injection.fault()).message() == null;
            }
            return kind == TIMEOUT;
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
        public java.util.concurrent.CompletableFuture<Boolean> holdAsync(long nanos) {
            try {
                return injection.holdAsync(nanos);
            } catch (LinkageError olderCore) {
                // an application's chaos-core older than this agent (VersionCheck warned): a hold it cannot release
                java.util.concurrent.CompletableFuture<Boolean> f = new java.util.concurrent.CompletableFuture<>();
                f.completeAsync(() -> Boolean.TRUE, java.util.concurrent.CompletableFuture.delayedExecutor(nanos,
                        java.util.concurrent.TimeUnit.NANOSECONDS));
                return f;
            }
        }

        @Override
        public int bodyMode() {
            if (kind != HTTP_BODY) {
                return -1;
            }
            String name = injection.fault().kind();
            return name.equals("reset") ? BODY_RESET : name.equals("truncate") ? BODY_TRUNCATE : BODY_DRIBBLE;
        }

        @Override
        public long bodyAfterBytes() {
            return kind == HTTP_BODY ? ((ResponseBodyFault) injection.fault()).afterBytes() : -1;
        }

        @Override
        public long bodyChunkBytes() {
            return kind == HTTP_BODY ? ((ResponseBodyFault) injection.fault()).chunkBytes() : 0;
        }

        @Override
        public long bodyChunkPauseNanos() {
            return kind == HTTP_BODY ? ((ResponseBodyFault) injection.fault()).chunkPauseNanos() : 0;
        }

        @Override
        public boolean hold(long nanos) {
            return injection.hold(nanos);
        }

        @Override
        public Throwable label(Throwable t) {
            return injection.label(t);
        }
    }
}
