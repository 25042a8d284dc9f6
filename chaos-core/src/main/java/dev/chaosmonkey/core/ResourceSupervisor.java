package dev.chaosmonkey.core;

import java.util.ArrayList;
import java.util.List;

import dev.chaosmonkey.core.internal.ChaosLog;

/**
 * Starts and stops the background effects of resource faults so that they run exactly while their rule acts:
 * chaos enabled, not in dry-run, the rule active (or exhausted: its budget counts calls, not the resource held).
 * Callers hold the engine's lock.
 */
final class ResourceSupervisor {
    private ResourceSupervisor() {
    }

    /** Whether the rule's resource fault should be running under the given switches. */
    static boolean shouldRun(RuleRuntime r, boolean enabled, boolean dryRun) {
        return r.fault().runsInBackground() && enabled && !dryRun && !r.dryRun
                && (r.state == RuleRuntime.State.ACTIVE || r.state == RuleRuntime.State.EXHAUSTED);
    }

    /**
     * Starts the resource faults among {@code candidates} that should run and are not running. Atomic: on any
     * failure, {@link Error}s such as {@code OutOfMemoryError: unable to create native thread} included, stops what
     * it started and rethrows.
     */
    static void start(List<RuleRuntime> candidates, boolean enabled, boolean dryRun) {
        List<RuleRuntime> started = new ArrayList<>();
        try {
            for (RuleRuntime r : candidates) {
                if (shouldRun(r, enabled, dryRun) && r.running == null) {
                    r.running = r.fault().startInBackground(r.id);
                    started.add(r);
                }
            }
        } catch (Throwable t) {
            for (RuleRuntime r : started) {
                stop(r, null);
            }
            throw t;
        }
    }

    /** Stops the rule's resource fault if it runs; never throws. Failures are counted in {@code errors}. */
    static void stop(RuleRuntime r, InternalErrors errors) {
        ResourceFault.Running running = r.running;
        r.running = null;
        if (running != null) {
            try {
                running.stop();
            } catch (RuntimeException e) {
                if (errors != null) {
                    errors.record("resource-stop", "chaos rule " + r.id + ": stopping its resource fault failed", e);
                } else {
                    ChaosLog.warn("chaos rule " + r.id + ": stopping its resource fault failed", e);
                }
            }
        }
    }
}
