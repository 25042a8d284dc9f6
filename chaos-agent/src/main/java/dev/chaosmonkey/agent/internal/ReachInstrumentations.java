package dev.chaosmonkey.agent.internal;

import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * The client lines added after the first set (Apache HttpClient 4.5 classic, Apache HttpClient 5 async, Reactor Netty,
 * the Kafka consumer, the dns point), registered together so that {@link Installation} lists them in one line.
 */
final class ReachInstrumentations {
    private ReachInstrumentations() {
    }

    static AgentBuilder register(AgentBuilder builder, Weaver weaver, PointLatch latch) {
        builder = ApacheHttpClient4Instrumentation.register(builder, weaver);
        builder = ApacheAsyncClientInstrumentation.register(builder, weaver);
        builder = ReactorNettyInstrumentation.register(builder, weaver);
        builder = DnsInstrumentation.register(builder, weaver, latch);
        builder = SocketInstrumentation.register(builder, weaver, latch);
        return KafkaConsumerInstrumentation.register(builder, weaver);
    }
}
