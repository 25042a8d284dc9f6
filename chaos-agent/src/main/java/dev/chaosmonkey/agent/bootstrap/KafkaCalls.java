package dev.chaosmonkey.agent.bootstrap;

import java.util.concurrent.CompletableFuture;

/**
 * {@code KafkaProducer.send(record, callback)}, as the real producer fails: an {@code ApiException} (the broker-side
 * failures) is returned as a failed future and given to the callback; any other exception is thrown from
 * {@code send}. Kafka types are reached through {@link PublicMethod}s and the producer's class loader.
 */
public final class KafkaCalls {
    /** Producer sends. */
    public static final ChaosCall SENDS = new ChaosCall("kafka-producer", ChaosBridge.KAFKA);
    private static final PublicMethod TOPIC = new PublicMethod("topic", 0);
    private static final PublicMethod KEY = new PublicMethod("key", 0);
    private static final PublicMethod ON_COMPLETION = new PublicMethod("onCompletion", 2);
    private static final ClassValue<Class<?>> API_EXCEPTION = new ClassValue<Class<?>>() {
        @Override
        protected Class<?> computeValue(Class<?> producer) {
            try {
                return Class.forName("org.apache.kafka.common.errors.ApiException", false,
                        producer.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    private KafkaCalls() {
    }

    /**
     * Decides for one send: {@code null} to send (also while disarmed: one volatile read; delays are slept here),
     * else the failed future {@code send} returns instead. Throws non-{@code ApiException} failures.
     */
    public static CompletableFuture<?> send(Object producer, Object record, Object callback) {
        if (!ChaosBridge.isArmed(ChaosBridge.KAFKA)) {
            return null;
        }
        FiredFault fault;
        try {
            fault = ChaosBridge.state().decideKafka((String) TOPIC.call(record), KEY.call(record) != null);
        } catch (Throwable t) {
            SENDS.internalError(t);
            return null;
        }
        if (fault == null) {
            return null;
        }
        ClassLoader loader = producer.getClass().getClassLoader();
        if (fault.kind() != FiredFault.EXCEPTION && fault.kind() != FiredFault.TIMEOUT) {
            fault.perform(loader);
            return null;
        }
        fault.sleep();
        Throwable failure = fault.newThrowable(loader, null);
        boolean api;
        try {
            api = API_EXCEPTION.get(producer.getClass()).isInstance(failure);
        } catch (Throwable t) {
            SENDS.internalError(t);
            api = false;
        }
        if (!api) {
            throw ChaosCall.sneakyThrow(failure);
        }
        if (callback != null) {
            try {
                ON_COMPLETION.call(callback, null, failure);
            } catch (Throwable t) {
                ChaosBridge.internalError("kafka-producer-callback", t);
            }
        }
        return CompletableFuture.failedFuture(failure);
    }
}
