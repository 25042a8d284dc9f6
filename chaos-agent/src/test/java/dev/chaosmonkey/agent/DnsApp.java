package dev.chaosmonkey.agent;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.InjectedFailures;
import dev.chaosmonkey.core.RuleInfo;

/**
 * Runs the dns point under the agent and prints one line per check. Started with {@code -Djdk.net.hosts.file} mapping
 * {@code shop.example.test} (and {@code localhost}) to 127.0.0.1, so nothing depends on real DNS: other names fail as
 * an organic lookup failure does. args[0]: the port of a loopback HTTP server answering {@code /hello}.
 */
public final class DnsApp {
    private DnsApp() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String url = "http://shop.example.test:" + port + "/hello";
        ChaosMonkey monkey = ChaosMonkey.global();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        System.out.println("BEFORE " + resolve("shop.example.test") + " " + jdk(client, url) + " " + urlConnection(url));
        System.out.println("ORGANIC " + resolve("nothere.example.test") + " | " + jdk(client,
                "http://nothere.example.test:" + port + "/hello") + " | " + urlConnection("http://nothere.example.test:"
                + port + "/hello"));

        String fail = monkey.arm("dns host=*.EXAMPLE.test -> exception");
        String literal = monkey.arm("dns host=127.0.0.1 -> exception");
        System.out.println("INJECTED " + resolve("shop.example.test") + " matched=" + matched(monkey, fail));
        System.out.println("INJECTED_ALL " + resolveAll("Shop.Example.Test") + " matched=" + matched(monkey, fail));
        // a new client: the first one keeps its connection to the name open, and a pooled connection needs no lookup
        HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        System.out.println("INJECTED_JDK " + jdk(fresh, url) + " matched=" + matched(monkey, fail));
        System.out.println("POOLED_JDK " + jdk(client, url) + " matched=" + matched(monkey, fail));
        System.out.println("INJECTED_URLCONNECTION " + urlConnection(url) + " matched=" + matched(monkey, fail));
        System.out.println("LOCALHOST " + resolve("localhost"));
        System.out.println("LITERAL " + resolve("127.0.0.1") + " " + resolveAll("[::1]"));
        System.out.println("MATCHED " + matched(monkey, fail) + " " + matched(monkey, literal));
        monkey.disarmAll();

        monkey.arm("dns host=shop.example.test -> timeout(200ms)");
        System.out.println("TIMEOUT " + resolve("shop.example.test"));
        monkey.disarmAll();

        monkey.arm("dns host=shop.example.test -> delay(1500ms)");
        long start = System.nanoTime();
        String delayed = resolve("shop.example.test");
        System.out.println("DELAY " + delayed + " ms=" + (System.nanoTime() - start) / 1_000_000);
        monkey.disarmAll();

        monkey.arm("dns host=shop.example.test -> delay(60s)");
        AtomicReference<String> held = new AtomicReference<>();
        Thread lookup = new Thread(() -> held.set(resolve("shop.example.test")), "held-lookup");
        long heldStart = System.nanoTime();
        lookup.start();
        for (int i = 0; i < 600 && monkey.heldCalls() == 0; i++) {
            Thread.sleep(50); // bounded wait for the lookup to be held (a child JVM has no Awaitility)
        }
        System.out.println("HELD " + monkey.heldCalls());
        monkey.disarmAll();
        lookup.join(30_000);
        System.out.println("RELEASED " + held.get() + " ms=" + (System.nanoTime() - heldStart) / 1_000_000);

        // a JMX connection is never affected, even by a rule on every name: only the application's lookup fails
        String every = monkey.arm("dns host=* -> exception");
        System.out.println("JMX " + jmx() + " " + resolve("localhost") + " matched=" + matched(monkey, every));
        monkey.disarmAll();

        System.out.println("AFTER " + resolve("shop.example.test") + " " + jdk(client, url));
        Class<?> bridge = Class.forName("dev.chaosmonkey.agent.bootstrap.ChaosBridge", true, null);
        System.out.println("INTERNAL_ERRORS " + bridge.getMethod("internalErrors").invoke(null) + " "
                + monkey.internalErrors());
        System.out.println("DONE");
        System.out.flush();
    }

    /** A JMX connector server and a client connection to it, both by the name {@code localhost}. */
    private static String jmx() {
        try {
            javax.management.remote.JMXConnectorServer server = javax.management.remote.JMXConnectorServerFactory
                    .newJMXConnectorServer(new javax.management.remote.JMXServiceURL("service:jmx:rmi://localhost"),
                            null, java.lang.management.ManagementFactory.getPlatformMBeanServer());
            server.start();
            try (javax.management.remote.JMXConnector c = javax.management.remote.JMXConnectorFactory
                    .connect(server.getAddress())) {
                return "beans=" + (c.getMBeanServerConnection().getMBeanCount() > 0);
            } finally {
                server.stop();
            }
        } catch (IOException | RuntimeException e) {
            return failure(e);
        }
    }

    private static long matched(ChaosMonkey monkey, String id) {
        for (RuleInfo r : monkey.rules()) {
            if (r.getId().equals(id)) {
                return r.getMatched();
            }
        }
        return -1;
    }

    private static String resolve(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (IOException e) {
            return failure(e);
        }
    }

    private static String resolveAll(String host) {
        try {
            return InetAddress.getAllByName(host)[0].getHostAddress();
        } catch (IOException e) {
            return failure(e);
        }
    }

    private static String jdk(HttpClient client, String url) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        } catch (IOException | InterruptedException e) {
            return failure(e);
        }
    }

    private static String urlConnection(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
            c.setConnectTimeout(10_000);
            try {
                return c.getResponseCode() + " " + new String(c.getInputStream().readAllBytes());
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return failure(e);
        }
    }

    /** {@code <class>[<cause class>]: <message> injected=<bool>}. */
    private static String failure(Throwable e) {
        String cause = e.getCause() == null ? "" : "[" + e.getCause().getClass().getName() + "]";
        return e.getClass().getName() + cause + ": " + e.getMessage() + " injected=" + InjectedFailures.isInjected(e);
    }
}
