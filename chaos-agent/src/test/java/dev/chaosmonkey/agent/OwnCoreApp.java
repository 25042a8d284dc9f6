package dev.chaosmonkey.agent;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;

import dev.chaosmonkey.core.ChaosMonkey;

/**
 * An application that uses chaos-core itself before any agent is there: it calls
 * {@code ChaosMonkey.global().check("pay")}, then loops on {@code HttpClient.send} to its own HTTP server on
 * 127.0.0.1, printing {@code CHECK ok|FAIL <e>} and {@code HTTP <status>|FAIL <e>} per round. A line
 * {@code arm <spec>} on stdin arms a rule through its own {@code ChaosMonkey.global()} ({@code ARMED <id>} or
 * {@code ARM-FAILED <e>}). Runs for at most two minutes.
 */
public final class OwnCoreApp {
    private OwnCoreApp() {
    }

    public static void main(String[] args) throws Exception {
        ChaosMonkey.global().check("pay");
        System.out.println("core-loader=" + ChaosMonkey.class.getClassLoader());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "fine".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        Thread commands = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("arm ")) {
                        try {
                            ChaosMonkey.global().enable();
                            System.out.println("ARMED " + ChaosMonkey.global().arm(line.substring(4)));
                        } catch (Throwable t) {
                            System.out.println("ARM-FAILED " + t);
                        }
                    }
                }
            } catch (Exception e) {
                // stdin closed
            }
        });
        commands.setDaemon(true);
        commands.start();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI pay = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/pay");
        URI self = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/self");
        long end = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < end) {
            try {
                ChaosMonkey.global().check("pay");
                System.out.println("CHECK ok");
            } catch (Throwable t) {
                System.out.println("CHECK FAIL " + t);
            }
            for (URI uri : new URI[] {pay, self}) {
                try {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    System.out.println("HTTP " + uri.getPath() + " " + r.statusCode());
                } catch (Throwable t) {
                    System.out.println("HTTP " + uri.getPath() + " FAIL " + t);
                }
            }
            System.out.flush();
            Thread.sleep(50);
        }
        server.stop(0);
    }
}
