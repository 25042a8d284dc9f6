package dev.chaosmonkey.agent;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.sun.net.httpserver.HttpServer;

/**
 * A small order service for the experiment ITs, run in its own JVM under the agent: {@code GET /orders} reads the
 * stock from H2 (JDBC) and asks an inventory service (WireMock on 127.0.0.1, JDK HttpClient). With
 * {@code -Dfallback=true} an inventory failure is answered from a fallback ({@code 200 ... (fallback)}), otherwise
 * with 500. Prints {@code READY port=<p> inventory=<q>} and exits after three minutes at most.
 */
public final class ExperimentService {
    private ExperimentService() {
    }

    public static void main(String[] args) throws Exception {
        boolean fallback = Boolean.getBoolean("fallback");
        WireMockServer inventory = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
                .dynamicPort());
        inventory.start();
        inventory.stubFor(WireMock.get("/stock/tea").willReturn(WireMock.ok("5")));
        Connection db = DriverManager.getConnection("jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1", "sa", "");
        try (Statement s = db.createStatement()) {
            s.execute("create table stock(item varchar(10), qty int)");
            s.execute("insert into stock values ('tea', 5)");
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI stock = URI.create("http://127.0.0.1:" + inventory.port() + "/stock/tea");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.createContext("/orders", exchange -> {
            int status;
            String body;
            try {
                int qty;
                synchronized (db) {
                    try (Statement s = db.createStatement();
                            ResultSet rs = s.executeQuery("select qty from stock where item = 'tea'")) {
                        rs.next();
                        qty = rs.getInt(1);
                    }
                }
                String answer;
                try {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(stock).timeout(Duration.ofSeconds(2))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("inventory answered " + r.statusCode());
                    }
                    answer = "order ok, stock " + qty + ", inventory " + r.body();
                    status = 200;
                } catch (Exception e) {
                    if (!fallback) {
                        throw e;
                    }
                    answer = "order ok, stock " + qty + " (fallback)";
                    status = 200;
                }
                body = answer;
            } catch (Exception e) {
                status = 500;
                body = "order failed: " + e;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        // warm up (class loading, weaving of the JDK HttpClient) as a service in use would be
        HttpClient self = HttpClient.newHttpClient();
        for (int i = 0; i < 3; i++) {
            self.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                    + "/orders")).build(), HttpResponse.BodyHandlers.discarding());
        }
        System.out.println("READY port=" + server.getAddress().getPort() + " inventory=" + inventory.port());
        System.out.flush();
        Thread.sleep(180_000);
        server.stop(0);
        inventory.stop();
        System.exit(0);
    }
}
