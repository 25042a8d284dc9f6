package dev.chaosmonkey.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.ApiException;

import dev.chaosmonkey.agent.bootstrap.AdviceSupport;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.Injection;
import dev.chaosmonkey.core.InjectionPoint;
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
                @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object producerRecord,
                @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object sendCallback) throws Throwable {
            if (!ChaosMonkey.global().isArmed(InjectionPoint.KAFKA)) {
                return null;
            }
            Injection injection = null;
            try {
                ProducerRecord<?, ?> record = (ProducerRecord<?, ?>) producerRecord;
                injection = ChaosMonkey.global().decideKafka(record.topic(), record.key() != null);
            } catch (Throwable t) {
                AdviceSupport.swallow("kafka-producer", t);
            }
            if (injection == null) {
                return null;
            }
            Throwable failure = injection.performNoThrow(producer.getClass().getClassLoader(), null);
            if (failure == null) {
                return null;
            }
            if (!(failure instanceof ApiException)) {
                throw failure;
            }
            if (sendCallback != null) {
                try {
                    ((Callback) sendCallback).onCompletion(null, (Exception) failure);
                } catch (Throwable t) {
                    AdviceSupport.swallow("kafka-producer-callback", t);
                }
            }
            return CompletableFuture.failedFuture(failure);
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
