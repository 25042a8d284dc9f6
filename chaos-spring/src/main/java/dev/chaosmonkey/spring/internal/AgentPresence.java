package dev.chaosmonkey.spring.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Whether the chaos agent runs in this JVM, and a bridge to its per-thread HTTP call marker. The agent records its
 * start in the system property {@value #AGENT_PROPERTY} (at JVM start with {@code -javaagent}, or when attached).
 * It weaves lazily: its bridge classes ({@code dev.chaosmonkey.agent.bootstrap.*}) reach the bootstrap class path
 * only once the first rule is armed, so the bridge is looked up on use, not once. When the agent runs, the starter
 * leaves JDBC, Kafka and method calls to the agent's weaving, and marks its own HTTP decisions so that the client
 * library underneath (woven by the agent) does not decide the same logical call a second time.
 */
public final class AgentPresence {
    /** Set by the agent when it starts in this JVM. */
    public static final String AGENT_PROPERTY = "dev.chaosmonkey.agent.started";
    /**
     * Reactor context key marking a WebClient exchange the starter decided; the agent's Reactor Netty advice
     * ({@code ReactorNettyCalls.DECIDED}) skips requests whose subscriber context holds it.
     */
    public static final String REACTOR_DECIDED_KEY = "dev.chaosmonkey.http.decided";
    private static volatile MethodHandle[] bridge;

    private AgentPresence() {
    }

    /** Whether the chaos agent runs in this JVM. */
    public static boolean isAttached() {
        return System.getProperty(AGENT_PROPERTY) != null;
    }

    /** The agent's enter/exit handles, or {@code null} while its bridge is not on the bootstrap class path. */
    private static MethodHandle[] bridge() {
        MethodHandle[] b = bridge;
        if (b != null || !isAttached()) {
            return b;
        }
        try {
            Class<?> dispatch = Class.forName("dev.chaosmonkey.agent.bootstrap.HttpDispatch", false, null);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            b = new MethodHandle[] {
                lookup.findStatic(dispatch, "enterCallerDecision", MethodType.methodType(void.class)),
                lookup.findStatic(dispatch, "exitCallerDecision", MethodType.methodType(void.class))};
            bridge = b;
            return b;
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            // the agent has not woven anything yet: there is no woven client to coordinate with
            return null;
        }
    }

    /**
     * Marks the current thread's HTTP call as decided (the agent's {@code HttpDispatch.enterCallerDecision()});
     * returns whether it did (pair with {@link #exitHttp()}).
     */
    public static boolean enterHttp() {
        MethodHandle[] b = bridge();
        if (b == null) {
            return false;
        }
        try {
            b[0].invokeExact();
            return true;
        } catch (Throwable t) {
            return false;
        }
    }

    /** Leaves {@link #enterHttp()}. */
    public static void exitHttp() {
        MethodHandle[] b = bridge;
        if (b == null) {
            return;
        }
        try {
            b[1].invokeExact();
        } catch (Throwable t) {
            // cannot happen for a static void method; nothing to undo
        }
    }
}
