package dev.chaosmonkey.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.chaosmonkey.agent.bootstrap.KafkaCalls;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * {@code KafkaProducer.send(record, callback)} (the one-argument {@code send} delegates to it). Behaves like the real
 * producer: an {@code ApiException} (the broker-side failures: {@code TimeoutException}, {@code NetworkException},
 * {@code NotLeaderOrFollowerException}, ...) is not thrown but returned as a failed future, and the callback is
 * called with it; any other exception ({@code KafkaException}, {@code IllegalStateException},
 * {@code SerializationException}...) is thrown from {@code send}. Timeouts block {@code send} for their bound first
 * (as {@code max.block.ms} does); delays block {@code send}, then the record is sent.
 */
final class KafkaProducerInstrumentation {
    private KafkaProducerInstrumentation() {
    }

    static AgentBuilder register(AgentBuilder builder, Weaver weaver) {
        return builder.type(named("org.apache.kafka.clients.producer.KafkaProducer"))
                .transform(weaver.advice("kafka-producer", SendAdvice.class, named("send").and(takesArguments(2))));
    }

    static final class SendAdvice {
        private SendAdvice() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Object enter(@Advice.This Object producer,
                @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object record,
                @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object callback) {
            return KafkaCalls.send(producer, record, callback);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter Object failed,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object future) {
            if (failed != null) {
                future = failed;
            }
        }
    }
}
