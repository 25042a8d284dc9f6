package dev.chaosmonkey.experiment;

/**
 * Something that happened during an experiment.
 *
 * @param offsetMillis milliseconds since the experiment started
 * @param source who reported it, e.g. {@code chaos}, {@code abort} or a target's name
 * @param description what happened
 */
public record TimelineEvent(long offsetMillis, String source, String description) {
}
