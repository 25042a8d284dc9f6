package dev.chaosmonkey.spring.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Whether the chaos agent is attached to this JVM, and a bridge to its per-thread call depth. The agent puts its
 * bridge classes ({@code dev.chaosmonkey.agent.bootstrap.*}) on the bootstrap class path and records the jar in the
 * system property {@value #AGENT_PROPERTY}. When it is attached, the starter leaves JDBC, Kafka and method calls to
 * the agent's weaving, and marks its own HTTP decisions in the agent's call depth so that the client library
 * underneath (woven by the agent) does not decide the same logical call a second time.
 */
public final class AgentPresence {
    /** Set by the agent once its bootstrap jar is on the bootstrap class path. */
    public static final String AGENT_PROPERTY = "dev.chaosmonkey.agent.bootstrap-jar";
    /** HTTP calls: marked through the agent's {@code HttpDispatch.enterCallerDecision()}. */
    public static final int HTTP = 2;

    private static final MethodHandle ENTER;
    private static final MethodHandle EXIT;

    static {
        MethodHandle enter = null;
        MethodHandle exit = null;
        try {
            Class<?> dispatch = Class.forName("dev.chaosmonkey.agent.bootstrap.HttpDispatch", false, null);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            enter = lookup.findStatic(dispatch, "enterCallerDecision", MethodType.methodType(void.class));
            exit = lookup.findStatic(dispatch, "exitCallerDecision", MethodType.methodType(void.class));
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            // no agent (or an agent without the bridge): nothing to coordinate with
        }
        ENTER = enter;
        EXIT = exit;
    }

    private AgentPresence() {
    }

    /** Whether the chaos agent is attached (its bootstrap bridge is loadable). */
    public static boolean isAttached() {
        return ENTER != null && System.getProperty(AGENT_PROPERTY) != null;
    }

    /** Enters the agent's call depth for {@code kind}; returns whether it did (pair with {@link #exit(int)}). */
    public static boolean enter(int kind) {
        if (ENTER == null) {
            return false;
        }
        try {
            ENTER.invokeExact();
            return true;
        } catch (Throwable t) {
            return false;
        }
    }

    /** Leaves the agent's call depth for {@code kind}. */
    public static void exit(int kind) {
        if (EXIT == null) {
            return;
        }
        try {
            EXIT.invokeExact();
        } catch (Throwable t) {
            // cannot happen for a static void method; nothing to undo
        }
    }
}
