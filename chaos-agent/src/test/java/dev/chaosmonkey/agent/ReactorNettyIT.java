package dev.chaosmonkey.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * Reactor Netty's {@code HttpClient} and Spring's {@code WebClient} on it, in a child JVM under the packaged agent
 * against WireMock on 127.0.0.1 ({@link ReactorNettyApp}): the fault table through the reactive pipeline, one
 * decision per subscription, the attributes of the http point, delays that hold no thread (an unfaulted request on
 * the same one-thread event loop completes while one is held), the kill switch releasing held requests at once,
 * and the {@code chaos.injections} meter.
 */
class ReactorNettyIT {

    @Test
    void theFaultTableThroughTheReactivePipeline() throws Exception {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(any(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200).withBody("hello")));
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        try (ChildJvm jvm = ChildJvm.start("-javaagent:" + ChildJvm.AGENT, "-Dchaos.enabled=true", "-cp", classpath,
                ReactorNettyApp.class.getName(), "http://127.0.0.1:" + server.port())) {
            await().atMost(Duration.ofMinutes(3)).until(() -> jvm.printedSince(0, "DONE")
                    || jvm.printedSince(0, "Exception in thread"));
            List<String> out = jvm.lines();
            out.stream().filter(l -> !l.startsWith("\t")).forEach(l -> System.out.println("child: " + l));
            assertThat(out).as("child output").contains("DONE").noneMatch(l -> l.startsWith("FAILED"));
            assertThat(line(out, "OK ")).startsWith("OK 200 hello");

            assertThat(line(out, "EXCEPTION ")).startsWith("EXCEPTION java.net.ConnectException: ")
                    .contains("injected");
            assertThat(line(out, "GET-NOT-MATCHED ")).startsWith("GET-NOT-MATCHED 200 hello");
            assertThat(line(out, "POST ")).startsWith("POST java.io.IOException: reset by chaos");
            assertThat(line(out, "BASEURL ")).startsWith("BASEURL java.net.ConnectException");
            assertThat(line(out, "STATUS ")).startsWith("STATUS java.io.IOException: chaos: HTTP 503 injected by rule");
            assertThat(line(out, "TIMEOUT ")).startsWith("TIMEOUT java.net.SocketTimeoutException");
            assertThat(ms(line(out, "TIMEOUT "))).isGreaterThanOrEqualTo(300);

            // the held request was still pending when the other one, on the same event-loop thread, completed
            String delay = line(out, "DELAY ");
            assertThat(delay).startsWith("DELAY slow=200 hello ms=").contains(" other=200 hello ms=")
                    .endsWith(" otherFirst=true");
            assertThat(firstMs(delay)).isGreaterThanOrEqualTo(4000);

            assertThat(line(out, "RELEASED-DELAY ")).startsWith("RELEASED-DELAY 200 hello");
            assertThat(line(out, "RELEASED-TIMEOUT ")).as("a released timeout makes the real request")
                    .startsWith("RELEASED-TIMEOUT 200 hello");
            String released = line(out, "RELEASED-MS ");
            assertThat(Long.parseLong(released.split(" ")[1])).as("well before the 60 s asked for")
                    .isLessThan(20_000);
            assertThat(released).endsWith(" held=0");

            assertThat(line(out, "WEB-OK ")).startsWith("WEB-OK hello");
            assertThat(line(out, "WEB-EXCEPTION ")).startsWith("WEB-EXCEPTION org.springframework.web.reactive"
                    + ".function.client.WebClientRequestException cause=java.net.ConnectException");
            assertThat(line(out, "WEB-STATUS ")).startsWith("WEB-STATUS org.springframework.web.reactive"
                    + ".function.client.WebClientRequestException cause=java.io.IOException: chaos: HTTP 502");
            assertThat(line(out, "WEB-TIMEOUT ")).startsWith("WEB-TIMEOUT org.springframework.web.reactive"
                    + ".function.client.WebClientRequestException cause=java.net.SocketTimeoutException");
            assertThat(line(out, "WEB-DELAY ")).startsWith("WEB-DELAY slow=hello ms=").endsWith(" otherFirst=true");
            assertThat(firstMs(line(out, "WEB-DELAY "))).isGreaterThanOrEqualTo(4000);
            String webReleased = line(out, "WEB-RELEASED ");
            assertThat(webReleased).startsWith("WEB-RELEASED hello");
            assertThat(Long.parseLong(webReleased.substring(webReleased.indexOf("releasedMs=") + 11)))
                    .isLessThan(20_000);
            assertThat(line(out, "AFTER ")).startsWith("AFTER 200 hello").contains(" hello ms=");

            // chaos.injections per rule: one per subscription (retry(2): three), nothing for what did not match
            assertThat(injections(out, "rn-exception")).isEqualTo(3);
            assertThat(injections(out, "rn-post")).isEqualTo(1);
            for (String rule : List.of("rn-base", "rn-status", "rn-timeout", "rn-delay", "rn-held-delay",
                    "rn-held-timeout", "web-exception", "web-status", "web-timeout", "web-delay", "web-held")) {
                assertThat(injections(out, rule)).as(rule).isEqualTo(1);
            }
            assertThat(out).contains("INTERNAL_ERRORS 0 0");
        } finally {
            server.stop();
        }
        // failed requests never reached the server; delayed and released ones did, once each
        server.verify(0, getRequestedFor(urlPathEqualTo("/rn/exception")));
        server.verify(0, anyRequestedFor(urlPathEqualTo("/rn/status")));
        server.verify(0, anyRequestedFor(urlPathEqualTo("/rn/timeout")));
        server.verify(0, anyRequestedFor(urlPathEqualTo("/web/exception")));
        server.verify(1, getRequestedFor(urlPathEqualTo("/rn/post")));
        server.verify(1, getRequestedFor(urlPathEqualTo("/rn/slow")));
        server.verify(1, getRequestedFor(urlPathEqualTo("/rn/held-delay")));
        server.verify(1, getRequestedFor(urlPathEqualTo("/rn/held-timeout")));
        server.verify(1, getRequestedFor(urlPathEqualTo("/web/slow")));
        server.verify(1, getRequestedFor(urlPathEqualTo("/web/held")));
    }

    private static String line(List<String> out, String prefix) {
        return out.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + prefix + " in " + out));
    }

    private static long ms(String line) {
        return Long.parseLong(line.substring(line.lastIndexOf("ms=") + 3).split(" ")[0]);
    }

    private static long firstMs(String line) {
        Matcher m = Pattern.compile("ms=(\\d+)").matcher(line);
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static long injections(List<String> out, String rule) {
        String l = line(out, "INJECTIONS " + rule + " ");
        return Long.parseLong(l.substring(l.lastIndexOf(' ') + 1));
    }
}
