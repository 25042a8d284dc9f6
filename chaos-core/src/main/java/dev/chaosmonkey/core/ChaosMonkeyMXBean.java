package dev.chaosmonkey.core;

import java.util.List;

/**
 * Management interface of a {@link ChaosMonkey}, registered as {@code dev.chaosmonkey:type=ChaosMonkey} for the
 * global instance. Uses only JDK types, so jconsole, VisualVM and jmxterm work without chaos classes. Errors are
 * plain {@link IllegalArgumentException}s / {@link IllegalStateException}s carrying the message.
 */
public interface ChaosMonkeyMXBean {

    /** Whether chaos is enabled. */
    boolean isEnabled();

    /** Why chaos is not enabled (invalid settings, a production environment, not enabled yet); empty while enabled. */
    String getDisabledReason();

    /** Whether every rule runs in dry-run mode. */
    boolean isDryRun();

    /** Switches global dry-run mode. */
    void setDryRun(boolean dryRun);

    /** chaos-core version of the instance. */
    String getVersion();

    /** Environment name, or {@code none} when no environment is set. */
    String getEnvironment();

    /** Armed rules with their counters. */
    List<RuleInfo> getRules();

    /** Canonical specs of the armed rules, as "id: spec". */
    List<String> getRuleSpecs();

    /** Injections across all rules so far. */
    long getTotalInjections();

    /** Internal errors caught so far (should stay 0; see {@link ChaosMonkey#internalErrors()}). */
    long getInternalErrors();

    /** Calls held right now in a delay or timeout (released at once by disarm, the kill switch or disable). */
    int getHeldCalls();

    /**
     * Arms one rule from a fault spec.
     *
     * @return the new rule's id
     */
    String arm(String spec);

    /**
     * Arms every spec of ONE string holding one spec per line ({@code #} comments, blank lines), all or none: a
     * JMX client passes a single text with line breaks, not a list.
     */
    List<String> armAll(String specs);

    /** Disarms a rule; returns whether it was armed. */
    boolean disarm(String id);

    /** The kill switch: disarms every rule; returns how many. */
    int disarmAll();

    /** Enables chaos (refused in production unless allowed). */
    void enable();

    /** Disables chaos. */
    void disable();
}
