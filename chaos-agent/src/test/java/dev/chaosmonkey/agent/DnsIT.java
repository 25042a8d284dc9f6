package dev.chaosmonkey.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.chaosmonkey.core.ChaosMonkey;

/**
 * The dns point in a separate JVM under the packaged agent ({@link DnsApp}): names resolve through a hosts file
 * ({@code -Djdk.net.hosts.file}, honoured by JDK 17 and 25), never through real DNS, and the HTTP calls reach WireMock
 * on 127.0.0.1 in this JVM under the name {@code shop.example.test}.
 */
class DnsIT {
    private static WireMockServer server;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(get(urlPathEqualTo("/hello")).willReturn(aResponse().withStatus(200).withBody("hello")));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void lookupsFailAndWaitAsTheRulesSayAndOtherNamesResolve(@TempDir Path dir) throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 shop.example.test\n127.0.0.1 localhost\n");
        String classpath = ChildJvm.location(DnsApp.class) + File.pathSeparator + ChildJvm.location(ChaosMonkey.class);
        List<String> out;
        try (ChildJvm jvm = ChildJvm.start("-javaagent:" + ChildJvm.AGENT, "-Dchaos.enabled=true",
                "-Djdk.net.hosts.file=" + hosts, "-cp", classpath, DnsApp.class.getName(),
                Integer.toString(server.port()))) {
            await().atMost(Duration.ofSeconds(120)).until(() -> !jvm.linesContaining("DONE").isEmpty()
                    || !jvm.linesContaining("Exception in thread").isEmpty());
            out = jvm.lines();
        }
        assertThat(out).as("child output").contains("DONE", "INTERNAL_ERRORS 0 0");
        assertThat(line(out, "BEFORE ")).isEqualTo("BEFORE 127.0.0.1 200 hello 200 hello");

        // a name the hosts file does not know: what an organic failure looks like to each caller
        String[] organic = line(out, "ORGANIC ").substring("ORGANIC ".length()).split(" \\| ");
        assertThat(organic[0]).startsWith("java.net.UnknownHostException").endsWith(" injected=false");

        // cached or not, the name fails while the rule is armed, with the resolver's exception and a JDK-like message;
        // one decision per lookup
        assertThat(line(out, "INJECTED ")).isEqualTo("INJECTED java.net.UnknownHostException: shop.example.test: Name"
                + " or service not known (chaos: exception injected by rule r1) injected=true matched=1");
        assertThat(line(out, "INJECTED_ALL ")).isEqualTo("INJECTED_ALL java.net.UnknownHostException: Shop.Example"
                + ".Test: Name or service not known (chaos: exception injected by rule r1) injected=true matched=2");
        // the clients report it as they report an organic failure of the same name (same exception and cause types;
        // they replace the UnknownHostException, so the label does not reach the caller: the counters show it)
        String jdk = line(out, "INJECTED_JDK ").substring("INJECTED_JDK ".length());
        assertThat(typeOf(jdk)).isEqualTo(typeOf(organic[1])).isEqualTo("java.net.ConnectException[java.net"
                + ".ConnectException]");
        long afterJdk = matchedIn(jdk);
        assertThat(afterJdk).as("the JDK HttpClient looks the name up at least once per request").isGreaterThan(2);
        // a pooled connection to the name needs no address: the call succeeds, as during a real DNS outage
        String pooled = line(out, "POOLED_JDK ");
        assertThat(pooled).startsWith("POOLED_JDK 200 hello");
        String urlConnection = line(out, "INJECTED_URLCONNECTION ").substring("INJECTED_URLCONNECTION ".length());
        assertThat(typeOf(urlConnection)).isEqualTo(typeOf(organic[2])).isEqualTo("java.net.UnknownHostException");
        assertThat(matchedIn(urlConnection)).isEqualTo(matchedIn(pooled) + 1);
        // other names resolve; literal addresses are no lookups
        assertThat(out).contains("LOCALHOST 127.0.0.1", "LITERAL 127.0.0.1 0:0:0:0:0:0:0:1");
        assertThat(line(out, "MATCHED ")).isEqualTo("MATCHED " + matchedIn(urlConnection) + " 0");

        assertThat(line(out, "TIMEOUT ")).startsWith("TIMEOUT java.net.UnknownHostException: shop.example.test:"
                + " Temporary failure in name resolution (chaos: timeout after 200ms injected by rule r3)");
        String delay = line(out, "DELAY ");
        assertThat(delay).startsWith("DELAY 127.0.0.1 ms=");
        assertThat(Long.parseLong(delay.substring(delay.indexOf("ms=") + 3))).isGreaterThanOrEqualTo(1400);
        // the kill switch ends a held lookup at once, and it resolves
        assertThat(out).contains("HELD 1");
        String released = line(out, "RELEASED ");
        assertThat(released).startsWith("RELEASED 127.0.0.1 ms=");
        assertThat(Long.parseLong(released.substring(released.indexOf("ms=") + 3))).isLessThan(30_000);
        assertThat(line(out, "JMX ")).startsWith("JMX beans=true java.net.UnknownHostException: localhost: Name or"
                + " service not known").endsWith(" matched=1");
        assertThat(line(out, "AFTER ")).isEqualTo("AFTER 127.0.0.1 200 hello");
        // the successful calls reached the server: both clients before, the pooled one, the one after the rules
        assertThat(server.countRequestsMatching(getRequestedFor(urlPathEqualTo("/hello")).build()).getCount())
                .isEqualTo(4);
    }

    private static String line(List<String> out, String prefix) {
        return out.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + prefix + " in " + out));
    }

    private static long matchedIn(String line) {
        return Long.parseLong(line.substring(line.lastIndexOf(" matched=") + " matched=".length()));
    }

    /** {@code <class>[<cause class>]} of a failure line. */
    private static String typeOf(String failure) {
        int colon = failure.indexOf(':');
        return colon < 0 ? failure : failure.substring(0, colon);
    }
}
