package dev.chaosmonkey.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.chaosmonkey.agent.bootstrap.KafkaConsumerCalls;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * {@code KafkaConsumer.poll(Duration)} (the public class, which delegates to the classic or the new async consumer
 * implementation: one decision per poll whichever is used). Exceptions are thrown from {@code poll}; the default
 * ({@code NetworkException}) and any other {@code KafkaException} are what consumer code already handles; delays
 * hold the poll, then it polls.
 */
final class KafkaConsumerInstrumentation {
    private KafkaConsumerInstrumentation() {
    }

    static AgentBuilder register(AgentBuilder builder, Weaver weaver) {
        return builder.type(named("org.apache.kafka.clients.consumer.KafkaConsumer"))
                .transform(weaver.advice("kafka-consumer", PollAdvice.class,
                        named("poll").and(takesArguments(1)).and(takesArgument(0, named("java.time.Duration")))));
    }

    static final class PollAdvice {
        private PollAdvice() {
        }

        @Advice.OnMethodEnter
        static int enter(@Advice.This Object consumer) {
            int depth = KafkaConsumerCalls.POLLS.enter();
            if (depth == 0) {
                KafkaConsumerCalls.POLLS.perform(KafkaConsumerCalls.decide(consumer), consumer);
            }
            return depth;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter int depth) {
            KafkaConsumerCalls.POLLS.exit(depth);
        }
    }
}
