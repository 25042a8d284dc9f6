package dev.chaosmonkey.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.chaosmonkey.core.ChaosMonkey;

/**
 * The {@code net} point on NIO {@code SocketChannel} through the packaged agent: the JDK {@code HttpClient}
 * (non-blocking channels on its selector thread) against WireMock, and blocking channels and their socket adaptor
 * against a byte server, on 127.0.0.1.
 */
class NetChannelIT {
    private static final ChaosMonkey MONKEY = ChaosMonkey.global();
    private static WireMockServer server;
    private long internalErrorsBefore;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(get(urlEqualTo("/stock")).willReturn(aResponse().withStatus(200).withBody("tea=5")));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void mark() {
        internalErrorsBefore = AgentInternalErrors.count();
        server.resetRequests();
    }

    @AfterEach
    void disarm() {
        MONKEY.disarmAll();
        assertThat(AgentInternalErrors.count()).as("internal errors of the agent").isEqualTo(internalErrorsBefore);
    }

    private static HttpResponse<String> send(HttpClient client) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/stock"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private static long injected(String id) {
        return MONKEY.rule(id).orElseThrow().getInjected();
    }

    @Test
    void httpClientConnectRefusedOnItsNonBlockingChannel() throws Exception {
        String id = MONKEY.arm("net port=" + server.port() + " operation=connect -> exception");
        assertThatThrownBy(() -> send(client())).isInstanceOf(ConnectException.class)
                .satisfies(e -> assertThat(ChaosMonkey.isInjected(e)).isTrue());
        // the JDK HttpClient retries a failed connect once (jdk.httpclient.disableRetryConnect): two connects
        assertThat(injected(id)).isEqualTo(2);
        server.verify(0, getRequestedFor(urlEqualTo("/stock")));
        MONKEY.disarm(id);
        assertThat(send(client()).body()).isEqualTo("tea=5");
    }

    @Test
    void httpClientConnectionResetWhileReadingTheResponse() throws Exception {
        String id = MONKEY.arm("net port=" + server.port() + " operation=read -> reset");
        assertThatThrownBy(() -> send(client())).isInstanceOf(IOException.class).satisfies(e -> {
            assertThat(ChaosMonkey.isInjected(e)).isTrue();
            assertThat(NetSocketIT.inChain(e, SocketException.class)).hasMessageStartingWith("Connection reset");
        });
        // the request went out each time: the reset came while the response was read, and the client retried the
        // idempotent GET once on a new connection, which was reset too
        assertThat(injected(id)).isEqualTo(2);
        server.verify(2, getRequestedFor(urlEqualTo("/stock")));
    }

    @Test
    void waitingFaultsDoNotHoldTheHttpClientSelectorThread() throws Exception {
        String id = MONKEY.arm("net port=" + server.port() + " operation=read -> delay(10s)");
        HttpResponse<String> response = send(client());
        assertThat(response.body()).isEqualTo("tea=5");
        assertThat(MONKEY.heldCalls()).isZero();
        assertThat(injected(id)).isPositive();
    }

    @Test
    void blockingChannelConnectDelayAndResetAfterABytesCount() throws Exception {
        try (ByteServer bytes = new ByteServer(64 * 1024)) {
            String slow = MONKEY.arm("net port=" + bytes.port() + " operation=connect -> delay(200ms)");
            String reset = MONKEY.arm("net port=" + bytes.port() + " operation=read -> reset(after=1KB)");
            long start = System.nanoTime();
            SocketChannel channel = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    bytes.port()));
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
            assertThat(injected(slow)).isEqualTo(1);
            ByteBuffer buf = ByteBuffer.allocate(512);
            long total = 0;
            SocketException failure = null;
            try (channel) {
                for (int i = 0; i < 1_000; i++) {
                    buf.clear();
                    int n = channel.read(buf);
                    if (n < 0) {
                        break;
                    }
                    total += n;
                }
            } catch (SocketException e) {
                failure = e;
            }
            assertThat(failure).isNotNull().hasMessageStartingWith("Connection reset");
            assertThat(ChaosMonkey.isInjected(failure)).isTrue();
            // channels shape per call: the read that reaches 1 KB completes, the next one is reset
            assertThat(total).isBetween(1024L, 1024L + 511);
            assertThat(injected(reset)).isEqualTo(1);
        }
    }

    @Test
    void aStallOnTheChannelSocketAdaptorEndsWithItsReadTimeout() throws Exception {
        try (ByteServer bytes = new ByteServer(64 * 1024);
                SocketChannel channel = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        bytes.port()))) {
            channel.socket().setSoTimeout(300);
            String id = MONKEY.arm("net port=" + bytes.port() + " operation=read -> stall(after=2KB)");
            byte[] b = new byte[8192];
            long total = 0;
            SocketTimeoutException timedOut = null;
            try {
                for (int i = 0; i < 1_000; i++) {
                    total += channel.socket().getInputStream().read(b);
                }
            } catch (SocketTimeoutException e) {
                timedOut = e;
            }
            assertThat(timedOut).isNotNull();
            assertThat(ChaosMonkey.isInjected(timedOut)).isTrue();
            // the adaptor's reads are capped: exactly 2 KB arrive before the stall
            assertThat(total).isEqualTo(2048);
            assertThat(injected(id)).isEqualTo(1);
        }
    }
}
