package dev.chaosmonkey.agent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import com.example.shop.Inventory;
import com.sun.net.httpserver.HttpServer;

/**
 * The first JDBC query, the first {@code HttpClient} call and the first call of {@code Inventory.reserve} of a JVM,
 * each printed as {@code JDBC|HTTP|METHOD <result>}, then {@code DONE}. Started with rules in the agent options, which
 * are woven in the background while this starts: each first call must already be faulted.
 */
public final class FirstCallApp {
    private FirstCallApp() {
    }

    public static void main(String[] args) throws Exception {
        // -Dfirst.call.queries=N: up to N queries, 100 ms apart, until one fails (a weaver that comes late)
        int queries = Integer.getInteger("first.call.queries", 1);
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:first", "sa", "");
                Statement s = c.createStatement()) {
            for (int i = 0; i < queries; i++) {
                try (ResultSet rs = s.executeQuery("select 5")) {
                    rs.next();
                    System.out.println("JDBC OK " + rs.getInt(1));
                } catch (Exception e) {
                    System.out.println("JDBC FAIL " + e);
                    break;
                }
                if (i + 1 < queries) {
                    Thread.sleep(100);
                }
            }
        }
        HttpServer server = OkServer.start();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.println("HTTP " + r.statusCode());
        } finally {
            server.stop(0);
        }
        try {
            System.out.println("METHOD OK " + new Inventory().reserve(1));
        } catch (RuntimeException e) {
            System.out.println("METHOD FAIL " + e);
        }
        System.out.println("INTERNAL-ERRORS " + AgentInternalErrors.count());
        System.out.println("DONE");
    }
}
