package dev.chaosmonkey.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.chaosmonkey.core.ChaosMonkey;

/**
 * The OkHttp lines users run besides 5.x, each in its own JVM under the packaged agent (two OkHttp versions cannot
 * share a class path): OkHttp 4.12 ({@code okhttp3.internal.connection.RealCall}) and 3.14.9
 * ({@code okhttp3.RealCall}), with the jars the build copied into {@code target/clients/<line>}, against WireMock on
 * loopback in this JVM.
 */
class OkHttpVersionsIT {
    private static WireMockServer server;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(get(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200).withBody("hello")));
        server.stubFor(get(urlPathEqualTo("/real-limit")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "2").withHeader("X-Backend", "a").withHeader("X-Backend", "b")
                .withBody("slow down")));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"okhttp4", "okhttp3"})
    void theFaultTableWorksOnThisOkHttpLine(String line) throws Exception {
        server.resetRequests();
        Path jars = Path.of(System.getProperty("clients.dir"), line);
        String classpath;
        try (Stream<Path> files = Files.list(jars)) {
            classpath = Stream.concat(Stream.of(ChildJvm.location(OkHttpVersionsIT.class),
                            ChildJvm.location(ChaosMonkey.class)), files.sorted())
                    .map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        }
        try (BrokenHttpServer broken = new BrokenHttpServer();
                ChildJvm jvm = ChildJvm.start("-javaagent:" + ChildJvm.AGENT, "-Dchaos.enabled=true", "-cp", classpath,
                OkHttpVersionApp.class.getName(), "http://127.0.0.1:" + server.port(), broken.base())) {
            await().atMost(Duration.ofSeconds(90)).until(() -> !jvm.linesContaining("DONE").isEmpty()
                    || !jvm.linesContaining("Exception in thread").isEmpty());
            List<String> out = jvm.lines();
            assertThat(out).as("child output").contains("DONE");
            assertThat(out).contains("OK 200 hello", "AFTER 200 hello", "MATCHED 6", "INTERNAL_ERRORS 0 0");
            // response-body faults look like the real truncated / reset responses of BrokenHttpServer
            assertThat(out).contains(
                    "BODY truncate fixed SAME java.net.ProtocolException: unexpected end of stream injected=true",
                    "BODY truncate chunked SAME java.net.ProtocolException: unexpected end of stream injected=true",
                    "BODY reset fixed SAME java.net.SocketException: Connection reset injected=true",
                    "BODY reset chunked SAME java.net.SocketException: Connection reset injected=true",
                    "BODY reset close SAME java.net.SocketException: Connection reset injected=true");
            assertThat(out).anyMatch(l -> l.startsWith("BODY truncate close SAME 200 "));
            String dribble = out.stream().filter(l -> l.startsWith("DRIBBLE ")).findFirst().orElseThrow();
            // "200 " + 1000 bytes of body, at 1 KB/s: at least 0.95 s (no upper bound)
            assertThat(dribble).startsWith("DRIBBLE 1004 ms=");
            assertThat(Long.parseLong(dribble.substring(dribble.indexOf("ms=") + 3))).isGreaterThanOrEqualTo(950);
            // the synthetic 429 carries the header fields of the real one, repeated ones included
            assertThat(out).contains("HEADERS 429 Retry-After=[2] X-Backend=[a, b] slow down | 429 Retry-After=[2]"
                    + " X-Backend=[a, b] slow down");
            assertThat(out).anyMatch(l -> l.startsWith("EXCEPTION java.net.ConnectException")
                    && l.endsWith(" injected=true"));
            String status = out.stream().filter(l -> l.startsWith("STATUS ")).findFirst().orElseThrow();
            String id = status.substring(status.indexOf(" rule=") + 6);
            assertThat(status).isEqualTo("STATUS 503 chaos: HTTP 503 injected by rule " + id + " header=" + id
                    + " rule=" + id);
            assertThat(out).anyMatch(l -> l.startsWith("TIMEOUT java.net.SocketTimeoutException"));
            assertThat(out).anyMatch(l -> l.startsWith("ASYNC onFailure java.io.IOException: reset by chaos"));
            String delay = out.stream().filter(l -> l.startsWith("DELAY ")).findFirst().orElseThrow();
            assertThat(delay).startsWith("DELAY 200 hello ms=");
            assertThat(Long.parseLong(delay.substring(delay.indexOf("ms=") + 3))).isGreaterThanOrEqualTo(300);
        }
        // only the undisturbed calls reached the server: /plain twice and the delayed one
        assertThat(server.countRequestsMatching(getRequestedFor(urlPathEqualTo("/plain")).build()).getCount())
                .isEqualTo(2);
        assertThat(server.countRequestsMatching(getRequestedFor(urlPathEqualTo("/slow")).build()).getCount())
                .isEqualTo(1);
        for (String path : List.of("/ex", "/status", "/limit", "/timeout", "/async")) {
            assertThat(server.countRequestsMatching(getRequestedFor(urlPathEqualTo(path)).build()).getCount())
                    .as(path).isZero();
        }
    }
}
