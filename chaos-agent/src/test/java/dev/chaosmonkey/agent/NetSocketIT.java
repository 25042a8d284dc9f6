package dev.chaosmonkey.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.chaosmonkey.core.ChaosMonkey;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The {@code net} point on {@code java.net.Socket} through the packaged agent: Jedis against an in-process RESP
 * server, pgjdbc against a real PostgreSQL and a plain socket against a byte server, all on 127.0.0.1. Every fault
 * kind once; counts and order, lower bounds only for time.
 */
class NetSocketIT {
    private static final ChaosMonkey MONKEY = ChaosMonkey.global();
    private static final int BIG = 64 * 1024;
    private static RespServer redis;
    private static EmbeddedPostgres postgres;
    private long internalErrorsBefore;

    @BeforeAll
    static void start() throws Exception {
        redis = new RespServer();
        byte[] big = new byte[BIG];
        Arrays.fill(big, (byte) 'x');
        redis.put("big", big);
        redis.put("small", "tea".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        redis.close();
        postgres.close();
    }

    @BeforeEach
    void mark() {
        internalErrorsBefore = AgentInternalErrors.count();
    }

    @AfterEach
    void disarm() {
        MONKEY.disarmAll();
        assertThat(AgentInternalErrors.count()).as("internal errors of the agent").isEqualTo(internalErrorsBefore);
    }

    private static Jedis jedis(int socketTimeoutMillis) {
        return new Jedis(new HostAndPort("127.0.0.1", redis.port()), DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(5_000).socketTimeoutMillis(socketTimeoutMillis).build());
    }

    private static long injected(String id) {
        return MONKEY.rule(id).orElseThrow().getInjected();
    }

    @Test
    void connectRefusedForJedisWhileOtherPortsStillConnect() throws Exception {
        String id = MONKEY.arm("net port=" + redis.port() + " operation=connect -> exception");
        int before = redis.connections.get();
        assertThatThrownBy(() -> {
            try (Jedis j = jedis(2_000)) {
                j.ping();
            }
        }).isInstanceOf(JedisConnectionException.class).satisfies(e -> {
            assertThat(ChaosMonkey.isInjected(e)).isTrue();
            assertThat(inChain(e, ConnectException.class)).isNotNull();
        });
        assertThat(redis.connections.get()).isEqualTo(before);
        assertThat(injected(id)).isEqualTo(1);
        try (ByteServer other = new ByteServer(0); Socket s = new Socket("127.0.0.1", other.port())) {
            assertThat(s.isConnected()).isTrue();
        }
        MONKEY.disarm(id);
        try (Jedis j = jedis(2_000)) {
            assertThat(j.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void connectTimeoutHoldsThenThrowsSocketTimeoutException() throws Exception {
        String id = MONKEY.arm("net port=" + redis.port() + " operation=connect -> timeout(300ms)");
        long start = System.nanoTime();
        assertThatThrownBy(() -> {
            try (Jedis j = jedis(2_000)) {
                j.ping();
            }
        }).isInstanceOf(JedisConnectionException.class)
                .satisfies(e -> assertThat(inChain(e, SocketTimeoutException.class)).isNotNull());
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
        assertThat(injected(id)).isEqualTo(1);
    }

    @Test
    void aReadDelayedPastTheSocketTimeoutFailsLikeARealSlowServer() throws Exception {
        try (Jedis j = jedis(500)) {
            assertThat(j.get("small")).isEqualTo("tea");
            String slow = MONKEY.arm("net port=" + redis.port() + " operation=read -> delay(100ms) first=1");
            long start = System.nanoTime();
            assertThat(j.get("small")).isEqualTo("tea");
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
            assertThat(injected(slow)).isEqualTo(1);
            MONKEY.disarm(slow);
            String tooSlow = MONKEY.arm("net port=" + redis.port() + " operation=read -> delay(5s)");
            assertThatThrownBy(() -> j.get("small")).isInstanceOf(JedisConnectionException.class).satisfies(e -> {
                assertThat(rootOf(e)).isInstanceOf(SocketTimeoutException.class).hasMessage("Read timed out");
                assertThat(ChaosMonkey.isInjected(e)).isTrue();
            });
            assertThat(injected(tooSlow)).isEqualTo(1);
        }
    }

    @Test
    void resetAfterOneKilobyteDeliversExactlyThatMuchThenConnectionReset() throws Exception {
        try (ByteServer server = new ByteServer(BIG)) {
            String id = MONKEY.arm("net port=" + server.port() + " operation=read -> reset(after=1KB)");
            Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            int total = 0;
            SocketException reset = null;
            try {
                for (int n; (n = in.read(buf)) != -1 && total < BIG;) {
                    for (int i = 0; i < n; i++) {
                        assertThat(buf[i]).isEqualTo((byte) (total + i));
                    }
                    total += n;
                }
            } catch (SocketException e) {
                reset = e;
            }
            assertThat(reset).isNotNull().hasMessageStartingWith("Connection reset");
            assertThat(ChaosMonkey.isInjected(reset)).isTrue();
            assertThat(total).isEqualTo(1024);
            // a reset connection stays reset (without another decision) until the client closes it
            assertThatThrownBy(() -> in.read(buf)).isInstanceOf(SocketException.class)
                    .hasMessageStartingWith("Connection reset");
            s.close();
            assertThat(injected(id)).isEqualTo(1);
        }
    }

    @Test
    void resetOnWriteLetsThePeerReceiveExactlyTheBytesBeforeIt() throws Exception {
        try (ByteServer server = new ByteServer(0)) {
            String id = MONKEY.arm("net port=" + server.port() + " operation=write -> reset(after=1KB)");
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                assertThatThrownBy(() -> s.getOutputStream().write(new byte[4096]))
                        .isInstanceOf(SocketException.class).hasMessageStartingWith("Connection reset");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> server.ended.get() == 1);
            assertThat(server.received.get()).isEqualTo(1024);
            assertThat(server.lastEnd.get()).containsIgnoringCase("reset");
            assertThat(injected(id)).isEqualTo(1);
        }
    }

    @Test
    void bandwidthPacesAJedisGetPerConnection() throws Exception {
        try (Jedis j = jedis(30_000)) {
            assertThat(j.ping()).isEqualTo("PONG");
            String id = MONKEY.arm("net port=" + redis.port() + " operation=read -> bandwidth(32KB/s)");
            long start = System.nanoTime();
            assertThat(j.get("big")).hasSize(BIG);
            // 64 KB at 32 KB/s: 2 s; a lower bound only, with slack
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1_500));
            // one decision for the connection, however many reads the pacing took
            assertThat(injected(id)).isEqualTo(1);
        }
    }

    @Test
    void aStallPastTheReadTimeoutFailsAndAnEndlessOneIsReleasedByTheKillSwitch() throws Exception {
        try (Jedis j = jedis(500)) {
            assertThat(j.ping()).isEqualTo("PONG");
            MONKEY.arm("net port=" + redis.port() + " operation=read -> stall(after=4KB)");
            assertThatThrownBy(() -> j.get("big")).isInstanceOf(JedisConnectionException.class)
                    .satisfies(e -> assertThat(rootOf(e)).isInstanceOf(SocketTimeoutException.class));
        }
        MONKEY.disarmAll();
        try (Jedis j = jedis(0)) {
            assertThat(j.ping()).isEqualTo("PONG");
            String id = MONKEY.arm("net port=" + redis.port() + " operation=read -> stall(after=4KB)");
            CompletableFuture<String> get = CompletableFuture.supplyAsync(() -> j.get("big"));
            await().atMost(Duration.ofSeconds(20)).until(() -> MONKEY.heldCalls() == 1);
            assertThat(get).isNotDone();
            assertThat(injected(id)).isEqualTo(1);
            MONKEY.disarmAll();
            assertThat(get.get(20, TimeUnit.SECONDS)).hasSize(BIG);
        }
    }

    @Test
    void slowCloseHoldsTheClose() throws Exception {
        Jedis j = jedis(2_000);
        assertThat(j.ping()).isEqualTo("PONG");
        String id = MONKEY.arm("net port=" + redis.port() + " operation=close -> delay(300ms)");
        long start = System.nanoTime();
        j.close();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
        assertThat(injected(id)).isEqualTo(1);
    }

    @Test
    void postgresConnectRefusedAndAResetMidQueryOnAnOpenConnection() throws Exception {
        String url = postgres.getJdbcUrl("postgres", "postgres");
        int port = postgres.getPort();
        try (Connection c = DriverManager.getConnection(url)) {
            String refused = MONKEY.arm("net port=" + port + " operation=connect -> exception");
            assertThatThrownBy(() -> DriverManager.getConnection(url).close()).isInstanceOf(SQLException.class)
                    .satisfies(e -> {
                        assertThat(ChaosMonkey.isInjected(e)).isTrue();
                        assertThat(rootOf(e)).isInstanceOf(ConnectException.class);
                    });
            assertThat(injected(refused)).isEqualTo(1);
            // the connection opened before is not a connect: it keeps working
            assertThat(query(c)).isEqualTo(42);
            MONKEY.disarm(refused);

            String reset = MONKEY.arm("net port=" + port + " operation=read -> reset");
            assertThatThrownBy(() -> query(c)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(ChaosMonkey.isInjected(e)).isTrue());
            assertThat(injected(reset)).isEqualTo(1);
            assertThat(c.isValid(1)).isFalse();
        }
        MONKEY.disarmAll();
        try (Connection again = DriverManager.getConnection(url)) {
            assertThat(query(again)).isEqualTo(42);
        }
    }

    private static int query(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 42")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The first throwable of {@code type} among the causes and suppressed throwables of {@code t} (bounded). */
    static Throwable inChain(Throwable t, Class<? extends Throwable> type) {
        java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>(java.util.List.of(t));
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!todo.isEmpty() && seen.size() < 64) {
            Throwable x = todo.poll();
            if (!seen.add(x)) {
                continue;
            }
            if (type.isInstance(x)) {
                return x;
            }
            if (x.getCause() != null) {
                todo.add(x.getCause());
            }
            todo.addAll(java.util.Arrays.asList(x.getSuppressed()));
        }
        return null;
    }

    private static Throwable rootOf(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r;
    }
}
