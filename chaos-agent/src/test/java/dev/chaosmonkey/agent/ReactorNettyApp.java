package dev.chaosmonkey.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.micrometer.ChaosMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.LoopResources;

/**
 * A child JVM for {@link ReactorNettyIT}: Reactor Netty's {@code HttpClient} and Spring's {@code WebClient} on it,
 * both on ONE event-loop thread (so a delay that blocked the loop would also stop the other request), against the
 * WireMock in the parent (args[0]). Prints {@code <check> <outcome>} lines, {@code INJECTIONS <rule> <count>} from
 * the {@code chaos.injections} meter, {@code INTERNAL_ERRORS <agent> <engine>} and {@code DONE}.
 */
public final class ReactorNettyApp {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();
    private static final List<String> RULES = new ArrayList<>();
    /** The meter's count per rule, read before each disarm (disarming a rule removes its meters). */
    private static final java.util.Map<String, Long> INJECTED = new java.util.concurrent.ConcurrentHashMap<>();

    private ReactorNettyApp() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        ChaosMonkey monkey = ChaosMonkey.global();
        monkey.enable();
        new ChaosMetrics(monkey).bindTo(METERS);
        LoopResources oneLoop = LoopResources.create("one-loop", 1, true);
        HttpClient client = HttpClient.create().runOn(oneLoop);
        WebClient web = WebClient.builder().clientConnector(new ReactorClientHttpConnector(client)).build();
        try {
            run(monkey, base, client, web);
        } catch (Throwable t) {
            System.out.println("FAILED " + t);
            t.printStackTrace(System.out);
        }
        for (String id : RULES) {
            System.out.println("INJECTIONS " + id + " " + INJECTED.getOrDefault(id, 0L));
        }
        Class<?> bridge = Class.forName("dev.chaosmonkey.agent.bootstrap.ChaosBridge", true, null);
        System.out.println("INTERNAL_ERRORS " + bridge.getMethod("internalErrors").invoke(null) + " "
                + monkey.internalErrors());
        System.out.println("DONE");
        System.out.flush();
        oneLoop.disposeLater().block(WAIT);
    }

    private static void run(ChaosMonkey monkey, String base, HttpClient client, WebClient web) throws Exception {
        System.out.println("OK " + netty(client.get().uri(base + "/ok")));

        // exception, once per subscription: retry(2) is three requests, three decisions
        arm(monkey, "http host=127.0.0.1 method=GET path=/rn/exception -> exception id=rn-exception");
        System.out.println("EXCEPTION " + netty(client.get().uri(base + "/rn/exception"), 2));
        arm(monkey, "http method=POST path=/rn/post -> exception(java.io.IOException, \"reset by chaos\")"
                + " id=rn-post");
        System.out.println("GET-NOT-MATCHED " + netty(client.get().uri(base + "/rn/post")));
        System.out.println("POST " + netty(client.post().uri(base + "/rn/post")));
        arm(monkey, "http path=/rn/base port=" + base.substring(base.lastIndexOf(':') + 1)
                + " -> exception id=rn-base");
        System.out.println("BASEURL " + netty(client.baseUrl(base).get().uri("/rn/base")));
        arm(monkey, "http path=/rn/status -> status(503) id=rn-status");
        System.out.println("STATUS " + netty(client.get().uri(base + "/rn/status")));
        arm(monkey, "http path=/rn/timeout -> timeout(300ms) id=rn-timeout");
        System.out.println("TIMEOUT " + netty(client.get().uri(base + "/rn/timeout")));

        // a delay holds no thread: an unfaulted request on the same one-thread client completes meanwhile
        arm(monkey, "http path=/rn/slow -> delay(4s) id=rn-delay");
        System.out.println("DELAY " + whileHeld(monkey,
                timed(client.get().uri(base + "/rn/slow").responseSingle((r, b) -> b.asString()
                        .map(s -> r.status().code() + " " + s))),
                () -> timed(client.get().uri(base + "/ok").responseSingle((r, b) -> b.asString()
                        .map(s -> r.status().code() + " " + s)))));

        // the kill switch releases a 60 s delay and a 60 s timeout (which then makes the real request) at once
        arm(monkey, "http path=/rn/held-delay -> delay(60s) id=rn-held-delay");
        arm(monkey, "http path=/rn/held-timeout -> timeout(60s) id=rn-held-timeout");
        CompletableFuture<String> heldDelay = timed(client.get().uri(base + "/rn/held-delay")
                .responseSingle((r, b) -> b.asString().map(s -> r.status().code() + " " + s)));
        CompletableFuture<String> heldTimeout = timed(client.get().uri(base + "/rn/held-timeout")
                .responseSingle((r, b) -> b.asString().map(s -> r.status().code() + " " + s)));
        awaitHeld(monkey, 2);
        readMeters();
        long released = System.nanoTime();
        monkey.disarmAll();
        System.out.println("RELEASED-DELAY " + heldDelay.get(60, TimeUnit.SECONDS));
        System.out.println("RELEASED-TIMEOUT " + heldTimeout.get(60, TimeUnit.SECONDS));
        System.out.println("RELEASED-MS " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - released)
                + " held=" + monkey.heldCalls());

        // WebClient on the same client (what Spring Boot gives WebClient.Builder without the starter)
        System.out.println("WEB-OK " + web(web, base + "/ok"));
        arm(monkey, "http path=/web/exception -> exception id=web-exception");
        System.out.println("WEB-EXCEPTION " + web(web, base + "/web/exception"));
        arm(monkey, "http path=/web/status -> status(502) id=web-status");
        System.out.println("WEB-STATUS " + web(web, base + "/web/status"));
        arm(monkey, "http path=/web/timeout -> timeout(300ms) id=web-timeout");
        System.out.println("WEB-TIMEOUT " + web(web, base + "/web/timeout"));
        arm(monkey, "http path=/web/slow -> delay(4s) id=web-delay");
        System.out.println("WEB-DELAY " + whileHeld(monkey,
                timed(web.get().uri(base + "/web/slow").retrieve().bodyToMono(String.class)),
                () -> timed(web.get().uri(base + "/ok").retrieve().bodyToMono(String.class))));
        arm(monkey, "http path=/web/held -> delay(60s) id=web-held");
        CompletableFuture<String> webHeld = timed(web.get().uri(base + "/web/held").retrieve()
                .bodyToMono(String.class));
        awaitHeld(monkey, 1);
        readMeters();
        released = System.nanoTime();
        monkey.disarm("web-held");
        System.out.println("WEB-RELEASED " + webHeld.get(60, TimeUnit.SECONDS) + " releasedMs="
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - released));
        readMeters();
        monkey.disarmAll();
        System.out.println("AFTER " + netty(client.get().uri(base + "/ok")) + " " + web(web, base + "/ok"));
    }

    private static void readMeters() {
        for (String id : RULES) {
            Counter c = METERS.find("chaos.injections").tag("rule", id).counter();
            if (c != null) {
                INJECTED.merge(id, (long) c.count(), Math::max);
            }
        }
    }

    private static void arm(ChaosMonkey monkey, String spec) {
        RULES.add(monkey.arm(spec));
    }

    private static void awaitHeld(ChaosMonkey monkey, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (monkey.heldCalls() < n && System.nanoTime() < deadline) {
            Thread.sleep(10); // a bounded poll in a child JVM without Awaitility
        }
        System.out.println("HELD " + monkey.heldCalls());
    }

    private static String netty(HttpClient.ResponseReceiver<?> request) {
        return netty(request, 0);
    }

    private static String netty(HttpClient.ResponseReceiver<?> request, int retries) {
        long start = System.nanoTime();
        try {
            String out = request.responseSingle((r, b) -> b.asString().defaultIfEmpty("")
                    .map(s -> r.status().code() + " " + s)).retry(retries).block(WAIT);
            return out + " ms=" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        } catch (RuntimeException e) {
            Throwable t = reactor.core.Exceptions.unwrap(e);
            return t.getClass().getName() + ": " + t.getMessage() + " ms="
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
    }

    private static String web(WebClient web, String url) {
        long start = System.nanoTime();
        try {
            return web.get().uri(url).retrieve().bodyToMono(String.class).block(WAIT) + " ms="
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        } catch (RuntimeException e) {
            Throwable t = reactor.core.Exceptions.unwrap(e);
            return t.getClass().getName() + " cause=" + (t.getCause() == null ? null
                    : t.getCause().getClass().getName() + ": " + t.getCause().getMessage()) + " ms="
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
    }

    /** Subscribes now; completes with the outcome and the milliseconds it took. */
    private static CompletableFuture<String> timed(Mono<String> call) {
        long start = System.nanoTime();
        CompletableFuture<String> f = new CompletableFuture<>();
        call.subscribe(v -> f.complete(v + " ms=" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)),
                e -> f.complete("error " + e + " ms=" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
        return f;
    }

    /** Starts {@code other} once {@code held} is held; "slow=... other=... otherFirst=...". */
    private static String whileHeld(ChaosMonkey monkey, CompletableFuture<String> held,
            java.util.function.Supplier<CompletableFuture<String>> other) throws Exception {
        awaitHeld(monkey, 1);
        CompletableFuture<String> second = other.get();
        String otherOutcome = second.get(60, TimeUnit.SECONDS);
        boolean heldStillPending = !held.isDone();
        return "slow=" + held.get(60, TimeUnit.SECONDS) + " other=" + otherOutcome + " otherFirst="
                + heldStillPending;
    }
}
