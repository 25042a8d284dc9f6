package dev.chaosmonkey.core.resource;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.stream.Collectors;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.RuleInfo;

/** Shared observations for the resource fault tests. */
final class ResourceTestSupport {
    static final long MB = 1L << 20;

    private ResourceTestSupport() {
    }

    /** Live threads that a rule's resource fault started (named {@code chaos-<ruleId>-...}). */
    static List<Thread> chaosThreads(String ruleId) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("chaos-" + ruleId + "-"))
                .collect(Collectors.toList());
    }

    /** A holding of an armed rule; -1 when the rule or the holding is absent. */
    static long holding(ChaosMonkey monkey, String ruleId, String key) {
        return monkey.rule(ruleId).map(RuleInfo::getHoldings).map(h -> h.getOrDefault(key, -1L)).orElse(-1L);
    }

    /** Heap in use right after a requested full collection. */
    static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
