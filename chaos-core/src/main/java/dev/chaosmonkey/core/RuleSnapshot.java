package dev.chaosmonkey.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The immutable per-point arrays of active rules: the only state the {@code decide*} hot path reads, replaced
 * whole (copy on write) whenever a rule or a switch changes. {@link #mask} has the bit of every point with a rule, {@link #scopedMask} of every point with a scoped rule
 * (only there does a decision read the thread's {@link ChaosScope}).
 */
final class RuleSnapshot {
    private static final RuleRuntime[] NO_RULES = new RuleRuntime[0];

    /** Nothing armed (or chaos disabled). */
    static final RuleSnapshot EMPTY;

    static {
        RuleRuntime[][] none = new RuleRuntime[InjectionPoint.values().length][];
        Arrays.fill(none, NO_RULES);
        EMPTY = new RuleSnapshot(none, 0, 0);
    }

    final RuleRuntime[][] byPoint;
    final int mask;
    final int scopedMask;

    private RuleSnapshot(RuleRuntime[][] byPoint, int mask, int scopedMask) {
        this.byPoint = byPoint;
        this.mask = mask;
        this.scopedMask = scopedMask;
    }

    /** The snapshot of the ACTIVE rules among {@code rules}, each point's rules in arming order. */
    static RuleSnapshot of(Collection<RuleRuntime> rules) {
        InjectionPoint[] points = InjectionPoint.values();
        List<List<RuleRuntime>> lists = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            lists.add(new ArrayList<>());
        }
        int mask = 0;
        int scopedMask = 0;
        for (RuleRuntime r : rules) {
            if (r.state == RuleRuntime.State.ACTIVE) {
                lists.get(r.point().ordinal()).add(r);
                mask |= r.point().bit();
                if (r.scope != null) {
                    scopedMask |= r.point().bit();
                }
            }
        }
        if (mask == 0) {
            return EMPTY;
        }
        RuleRuntime[][] byPoint = new RuleRuntime[points.length][];
        for (int i = 0; i < points.length; i++) {
            byPoint[i] = lists.get(i).isEmpty() ? NO_RULES : lists.get(i).toArray(NO_RULES);
        }
        return new RuleSnapshot(byPoint, mask, scopedMask);
    }
}
