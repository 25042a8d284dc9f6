package dev.chaosmonkey.agent;

/**
 * Management interface of the installed agent, registered as {@value #OBJECT_NAME}. The chaos rules themselves are
 * managed through {@code dev.chaosmonkey:type=ChaosMonkey}.
 */
public interface ChaosAgentMXBean {
    /** JMX name of the agent MBean. */
    String OBJECT_NAME = "dev.chaosmonkey:type=ChaosAgent";

    /** Version of the agent jar. */
    String getVersion();

    /**
     * Version of the chaos-core the agent carries (used when the application has none; otherwise the application's
     * copy is shared, and a different version is warned about at start).
     */
    String getCoreVersion();

    /** Whether the instrumentation is currently installed. */
    boolean isInstalled();

    /** How many classes the agent has woven so far (since the last install). */
    long getTransformedClasses();

    /**
     * How many distinct {@code class=}/{@code method=} targets the armed {@code method} rules name (0 when none is
     * armed; classes no rule names any more are restored).
     */
    int getMethodRuleTargets();

    /**
     * How many classes matched an instrumentation but could not be woven (they run without chaos), e.g. because
     * another agent changed them in a way the agent cannot handle. Zero in a healthy set-up.
     */
    long getWeaveFailures();

    /** {@code class: reason} for the first 50 classes that could not be woven. */
    java.util.List<String> getWeaveFailureReasons();

    /**
     * Errors raised by the agent's own advice code (never by injected faults) since start; each let its call
     * proceed without chaos. Zero in a healthy set-up.
     */
    long getInternalErrors();

    /** Names of the built-in instrumentations that have woven at least one class. */
    java.util.List<String> getActiveInstrumentations();

    /**
     * Disarms every rule and removes the instrumentation, restoring the original bytecode of every woven class.
     * The agent can be attached again later.
     *
     * @return how many classes were restored
     */
    int detach();
}
