package dev.chaosmonkey.junit;

/**
 * Something that happened during an experiment: a fault armed or disarmed, the first injection, a circuit breaker
 * transition, a retry, a rejection, a recovery.
 *
 * @param offsetMillis milliseconds since the experiment started
 * @param source who reported it, e.g. {@code chaos} or {@code circuitbreaker:inventory}
 * @param description what happened
 */
public record TimelineEvent(long offsetMillis, String source, String description) {
}
