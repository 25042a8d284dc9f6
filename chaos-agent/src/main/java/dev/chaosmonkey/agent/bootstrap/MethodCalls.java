package dev.chaosmonkey.agent.bootstrap;

/** Methods woven for {@code method class=... method=...} rules. */
public final class MethodCalls {
    private MethodCalls() {
    }

    /** Performs what a rule armed on {@code type.method} says, or returns at once (one volatile read). */
    public static void enter(String type, String method, Class<?> origin) {
        if (!ChaosBridge.isArmed(ChaosBridge.METHOD)) {
            return;
        }
        FiredFault fault;
        try {
            fault = ChaosBridge.state().decideMethod(type, method);
        } catch (Throwable t) {
            ChaosBridge.internalError("method", t);
            return;
        }
        if (fault != null) {
            fault.perform(origin.getClassLoader());
        }
    }
}
