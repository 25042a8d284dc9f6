package dev.chaosmonkey.core;

import java.util.Map;

/**
 * A fault that consumes a resource (memory, CPU, threads, pooled connections) while its rule is armed and chaos is
 * enabled, instead of (or in addition to) acting on single calls.
 *
 * <p>{@link ChaosMonkey} calls {@link #start(String)} when the rule becomes active and {@link Running#stop()} when it
 * is disarmed, expires, is exhausted or chaos is disabled. {@code stop} must release everything the fault holds.
 */
public abstract class ResourceFault extends Fault {

    /** For subclasses. */
    protected ResourceFault() {
    }

    /**
     * Starts consuming the resource.
     *
     * @param ruleId the id of the rule, for thread names and messages
     * @return the running effect; never {@code null}
     * @throws IllegalArgumentException if the fault cannot start (arming then fails and nothing stays armed)
     */
    public abstract Running start(String ruleId);

    /** Whether this fault may be used at a point ({@code resource} always; call points for per-call effects). */
    protected boolean allowedAt(InjectionPoint point) {
        return point == InjectionPoint.RESOURCE;
    }

    @Override
    final void validateFor(InjectionPoint point) {
        if (!allowedAt(point)) {
            throw new IllegalArgumentException(kind() + " is not allowed at the " + point.specName() + " point");
        }
    }

    @Override
    final boolean runsInBackground() {
        return true;
    }

    @Override
    final Running startInBackground(String ruleId) {
        return start(ruleId);
    }

    @Override
    final Throwable perform(RuleRuntime rule, ClassLoader loader, String defaultClassName) {
        Running running = rule.running;
        if (running != null) {
            running.onInjectedCall();
        }
        return null;
    }

    /** A started resource fault. */
    public interface Running {
        /** Releases everything held; idempotent. */
        void stop();

        /** What the fault currently holds, e.g. {@code bytesRetained}, {@code threadsBusy}, {@code connectionsHeld}. */
        Map<String, Long> holdings();

        /** Called for each call the rule fires on (per-call effects such as leaking N bytes per call). */
        default void onInjectedCall() {
        }
    }
}
