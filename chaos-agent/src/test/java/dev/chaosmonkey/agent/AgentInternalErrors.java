package dev.chaosmonkey.agent;

/**
 * The agent's internal-error count, read without linking the bootstrap bridge: the agent appends its bootstrap jar
 * only when it weaves for the first armed rule (lazy start-up), so a test reading the count before that must not
 * resolve {@code ChaosBridge} directly (the failed resolution would stick to the test class).
 */
final class AgentInternalErrors {
    private AgentInternalErrors() {
    }

    /** The count so far; 0 while nothing is woven (no advice has run, so none can have failed). */
    static long count() {
        try {
            Class<?> bridge = Class.forName("dev.chaosmonkey.agent.bootstrap.ChaosBridge", true, null);
            return (long) bridge.getMethod("internalErrors").invoke(null);
        } catch (ClassNotFoundException e) {
            return 0;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the agent's internal-error count", e);
        }
    }
}
