package dev.chaosmonkey.experiment;

/**
 * A rule's counters as the target reports them.
 *
 * @param id rule id
 * @param spec canonical spec
 * @param matched calls that matched
 * @param injected injections (would-fire count for a dry-run rule)
 * @param dryRun whether the rule is in dry-run mode
 */
public record RuleCounters(String id, String spec, long matched, long injected, boolean dryRun) {
}
