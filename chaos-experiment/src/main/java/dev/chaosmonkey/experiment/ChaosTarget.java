package dev.chaosmonkey.experiment;

import java.util.List;

import javax.management.MBeanServerConnection;

/**
 * A JVM whose chaos rules an experiment arms: reached over JMX ({@link JmxChaosTarget}) from the CLI, or the
 * platform MBean server from inside the JVM. Uses only JDK types, so the engine never needs chaos-core.
 */
public interface ChaosTarget extends AutoCloseable {

    /** How the target is named in reports (what the user typed: a pid, host:port, a URL). */
    String name();

    /** The target's MBean server, for JMX probes and abort conditions. */
    MBeanServerConnection mbeans();

    /** Whether chaos is enabled there. */
    boolean isEnabled() throws Exception;

    /** Enables chaos there (refused in production unless allowed). */
    void enable() throws Exception;

    /**
     * Arms every spec, all or none.
     *
     * @return the rule ids, in order
     * @throws IllegalArgumentException with the target's message when a spec is refused
     */
    List<String> armAll(List<String> specs) throws Exception;

    /** Disarms one rule; whether it was armed. */
    boolean disarm(String id) throws Exception;

    /** The armed rules' counters. */
    List<RuleCounters> rules() throws Exception;

    /** Releases the connection (never disarms). */
    @Override
    default void close() throws Exception {
    }
}
