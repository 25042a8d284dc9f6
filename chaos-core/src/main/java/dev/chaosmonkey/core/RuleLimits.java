package dev.chaosmonkey.core;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import dev.chaosmonkey.core.internal.Durations;
import dev.chaosmonkey.core.internal.SqlStates;
import dev.chaosmonkey.core.internal.Throwables;

/**
 * The checks a rule passes before it is armed, each naming the setting that limits it: how many rules may be armed
 * ({@code chaos.max-rules}), how long a rule may live ({@code chaos.max-duration}), how long one call may be held
 * ({@code chaos.max-delay}), unique ids, and an exception class that resolves. Pure over the armed ids it is given;
 * callers hold the engine's lock.
 */
final class RuleLimits {
    private final ChaosConfig config;
    private final CheckedPoints checkedPoints;
    private final AtomicLong nextId = new AtomicLong();

    RuleLimits(ChaosConfig config, CheckedPoints checkedPoints) {
        this.config = config;
        this.checkedPoints = checkedPoints;
    }

    /** Refuses a batch that would take the number of armed rules over {@code chaos.max-rules}. */
    void checkRoom(int armed, Collection<ChaosRule> adding) {
        if (armed + adding.size() > config.maxRules()) {
            throw new ChaosSpecException(adding.isEmpty() ? "" : adding.iterator().next().toSpec(), 0, 0,
                    "blast radius: arming " + adding.size() + " rule(s) would make " + (armed + adding.size())
                            + " armed, the limit is " + config.maxRules() + " (chaos.max-rules)");
        }
    }

    /**
     * Checks one rule of a batch and builds its runtime.
     *
     * @param armed the rules armed now, by id
     * @param batchIds ids taken by earlier rules of the same batch; this rule's id is added
     */
    RuleRuntime prepare(ChaosRule rule, Map<String, ?> armed, Set<String> batchIds, long nowNanos, long nowMillis) {
        String spec = rule.toSpec();
        String id = rule.id();
        if (id == null) {
            do {
                id = "r" + nextId.incrementAndGet();
            } while (armed.containsKey(id) || batchIds.contains(id));
        } else if (armed.containsKey(id) || batchIds.contains(id)) {
            throw new ChaosSpecException(spec, 0, 0, "a rule with id '" + id + "' is already armed");
        }
        batchIds.add(id);
        Duration duration = rule.duration() == null ? config.defaultDuration() : rule.duration();
        if (duration.compareTo(config.maxDuration()) > 0) {
            throw new ChaosSpecException(spec, 0, 0, "for=" + Durations.format(duration) + " exceeds the maximum "
                    + Durations.format(config.maxDuration()) + " (chaos.max-duration)");
        }
        if (rule.startAfter() != null && rule.startAfter().compareTo(config.maxDuration()) > 0) {
            throw new ChaosSpecException(spec, 0, 0, "after=" + Durations.format(rule.startAfter())
                    + " exceeds the maximum " + Durations.format(config.maxDuration()) + " (chaos.max-duration)");
        }
        Duration longest = rule.fault().longestPause();
        if (longest.compareTo(config.maxDelay()) > 0) {
            throw new ChaosSpecException(spec, 0, 0, rule.fault().kind() + " of up to " + Durations.format(longest)
                    + " exceeds the maximum " + Durations.format(config.maxDelay()) + " (chaos.max-delay)");
        }
        Class<? extends Throwable> type = null;
        String explicit = rule.fault().explicitExceptionClass();
        if (explicit != null) {
            try {
                type = Throwables.resolve(explicit, null);
                if (rule.fault().sqlState() != null || rule.fault().vendorCode() != null) {
                    SqlStates.checkCarrier(type);
                }
            } catch (IllegalArgumentException e) {
                throw new ChaosSpecException(spec, 0, 0, e.getMessage());
            }
        }
        String customName = customName(rule);
        String misfit = customName == null ? null : checkedPoints.misfit(customName, type);
        if (misfit != null) {
            throw new ChaosSpecException(spec, 0, 0, misfit);
        }
        return new RuleRuntime(id, rule, type, rule.dryRun(), nowNanos, nowMillis, duration.toNanos());
    }

    /** The point name of a custom rule matching exactly one name ({@code name=payment-gateway}), else null. */
    private static String customName(ChaosRule rule) {
        if (rule.point() != InjectionPoint.CUSTOM) {
            return null;
        }
        for (AttributeMatcher m : rule.matchers()) {
            if (m.attribute().equals("name") && m.operator() == AttributeMatcher.Operator.EQUALS) {
                return m.exactLiteral();
            }
        }
        return null;
    }
}
