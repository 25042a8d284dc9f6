package dev.chaosmonkey.agent.bootstrap;

import java.util.Collection;

/**
 * {@code KafkaConsumer.poll(Duration)}: one decision per poll on the {@code kafka} point, with {@code topic} the
 * subscribed topic (the first in name order when the consumer subscribes to several, or of the assigned partitions
 * when it assigns them itself) and {@code key} absent. Faults are performed on the polling thread: exceptions are
 * thrown from {@code poll} (as a failing broker or a poisoned deserializer would), delays hold it, then it polls.
 */
public final class KafkaConsumerCalls {
    /** Consumer polls. */
    public static final ChaosCall POLLS = new ChaosCall("kafka-consumer", ChaosBridge.KAFKA);
    private static final PublicMethod SUBSCRIPTION = new PublicMethod("subscription", 0);
    private static final PublicMethod ASSIGNMENT = new PublicMethod("assignment", 0);
    private static final PublicMethod TOPIC = new PublicMethod("topic", 0);

    private KafkaConsumerCalls() {
    }

    /** The decision for one poll; {@code null} to poll (also while disarmed: one volatile read). */
    public static FiredFault decide(Object consumer) {
        try {
            return ChaosBridge.state().decideKafka(topic(consumer), false);
        } catch (Throwable t) {
            POLLS.internalError(t);
            return null;
        }
    }

    private static String topic(Object consumer) throws Throwable {
        String first = null;
        for (Object topic : (Collection<?>) SUBSCRIPTION.call(consumer)) {
            first = min(first, (String) topic);
        }
        if (first == null) {
            for (Object partition : (Collection<?>) ASSIGNMENT.call(consumer)) {
                first = min(first, (String) TOPIC.call(partition));
            }
        }
        return first == null ? "" : first;
    }

    private static String min(String a, String b) {
        return a == null || b.compareTo(a) < 0 ? b : a;
    }
}
