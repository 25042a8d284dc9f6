package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.chaosmonkey.core.ChaosMonkey;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.ProtocolVersion;

/**
 * The {@code net} point under Lettuce, whose Netty event loop uses non-blocking {@code SocketChannel}s, against the
 * in-process RESP server on 127.0.0.1: a refused connect fails {@code connect()}; a reset mid-command fails the command
 * in flight, and Lettuce's watchdog reconnects on its own.
 */
class NetLettuceIT {
    private static final ChaosMonkey MONKEY = ChaosMonkey.global();
    private static RespServer redis;
    private static RedisClient client;

    @BeforeAll
    static void start() throws Exception {
        // Netty's native transports (epoll, io_uring; here through reactor-netty's dependencies) bypass the JDK's
        // socket classes and with them the net point: this test is about the NIO transport
        System.setProperty("io.lettuce.core.epoll", "false");
        System.setProperty("io.lettuce.core.iouring", "false");
        redis = new RespServer();
        redis.put("small", "tea".getBytes(StandardCharsets.UTF_8));
        client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(redis.port())
                .withTimeout(Duration.ofSeconds(20)).build());
        client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP2).build());
    }

    @AfterAll
    static void stop() throws Exception {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(5));
        redis.close();
    }

    @AfterEach
    void disarm() {
        MONKEY.disarmAll();
    }

    @Test
    void aRefusedConnectFailsTheEventLoopsConnect() {
        long errors = AgentInternalErrors.count();
        String id = MONKEY.arm("net port=" + redis.port() + " operation=connect -> exception");
        int before = redis.connections.get();
        assertThatThrownBy(() -> client.connect().close()).isInstanceOf(RedisConnectionException.class)
                .satisfies(e -> {
                    assertThat(NetSocketIT.inChain(e, ConnectException.class)).isNotNull();
                    assertThat(ChaosMonkey.isInjected(e)).isTrue();
                });
        assertThat(MONKEY.rule(id).orElseThrow().getInjected()).isEqualTo(1);
        assertThat(redis.connections.get()).isEqualTo(before);
        assertThat(AgentInternalErrors.count()).isEqualTo(errors);
    }

    @Test
    void aResetMidCommandFailsItAndLettuceReconnects() {
        long errors = AgentInternalErrors.count();
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().ping()).isEqualTo("PONG");
            int connectionsBefore = redis.connections.get();
            String id = MONKEY.arm("net port=" + redis.port() + " operation=read -> reset first=1");
            // the reply's read is reset: the command in flight fails with the reset, as with a real one
            assertThatThrownBy(() -> connection.sync().get("small")).isInstanceOf(RedisException.class)
                    .satisfies(e -> {
                        assertThat(ChaosMonkey.isInjected(e)).isTrue();
                        assertThat(NetSocketIT.inChain(e, java.net.SocketException.class))
                                .hasMessageStartingWith("Connection reset");
                    });
            assertThat(MONKEY.rule(id).orElseThrow().getInjected()).isEqualTo(1);
            // the watchdog reconnects on its own; the next command runs on the new connection
            await().atMost(Duration.ofSeconds(30)).until(() -> redis.connections.get() == connectionsBefore + 1);
            assertThat(connection.sync().get("small")).isEqualTo("tea");
            assertThat(redis.connections.get()).isEqualTo(connectionsBefore + 1);
        }
        assertThat(AgentInternalErrors.count()).isEqualTo(errors);
    }
}
