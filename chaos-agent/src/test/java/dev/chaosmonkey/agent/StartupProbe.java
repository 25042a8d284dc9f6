package dev.chaosmonkey.agent;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import com.sun.net.httpserver.HttpServer;

/**
 * Measures the time from JVM start to the end of the first JDBC query and the first HTTP call (used for the startup
 * overhead figures in the README; run with and without {@code -javaagent}). Prints {@code startup-ms=<n>}.
 */
public final class StartupProbe {
    private StartupProbe() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:probe", "sa", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select 1")) {
            rs.next();
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        long startedAt = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("startup-ms=" + (System.currentTimeMillis() - startedAt) + " status=" + r.statusCode());
        server.stop(0);
    }
}
