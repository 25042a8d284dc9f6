package dev.chaosmonkey.agent;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * A child JVM for {@link AsyncHoldReleaseIT}: on {@code GO} it makes JDK {@code HttpClient} calls the parent armed
 * long holds for ({@code sendAsync} delayed, {@code sendAsync} timed out, blocking {@code send} delayed) and prints
 * each outcome with the milliseconds since {@code GO}.
 */
public final class AsyncHoldApp {
    private AsyncHoldApp() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        HttpClient client = HttpClient.newHttpClient();
        System.out.println("READY");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (!"GO".equals(line)) {
                continue;
            }
            long start = System.nanoTime();
            report("async-delay", start, client.sendAsync(request(base + "/slow"),
                    HttpResponse.BodyHandlers.ofString()));
            report("async-timeout", start, client.sendAsync(request(base + "/hang"),
                    HttpResponse.BodyHandlers.ofString()));
            Thread blocking = new Thread(() -> {
                try {
                    HttpResponse<String> r = client.send(request(base + "/blocking"),
                            HttpResponse.BodyHandlers.ofString());
                    print("sync-delay", start, r.statusCode() + " " + r.body());
                } catch (Exception e) {
                    print("sync-delay", start, e.toString());
                }
            }, "blocking-send");
            blocking.setDaemon(true);
            blocking.start();
        }
    }

    private static HttpRequest request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET().build();
    }

    private static void report(String name, long start, CompletableFuture<HttpResponse<String>> f) {
        f.whenComplete((r, e) -> print(name, start, e != null ? e.toString() : r.statusCode() + " " + r.body()));
    }

    private static void print(String name, long start, String outcome) {
        System.out.println("DONE " + name + " " + outcome + " ms=" + (System.nanoTime() - start) / 1_000_000);
    }
}
