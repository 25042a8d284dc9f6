package dev.chaosmonkey.agent;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.chaosmonkey.core.ChaosMonkey;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Runs the HTTP fault table against whichever OkHttp is on its class path (3.x, 4.x; compiled against 5.x, whose
 * Java API is binary compatible for what is used here), under the agent, and prints one line per check:
 * {@code <check> <outcome>}, then {@code MATCHED <n>}, {@code INTERNAL_ERRORS <n>} and {@code DONE}. args[0]: the
 * base URL of a loopback server answering {@code 200 hello}.
 */
public final class OkHttpVersionApp {
    private OkHttpVersionApp() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        ChaosMonkey monkey = ChaosMonkey.global();
        monkey.enable();
        OkHttpClient client = new OkHttpClient();
        long matched = 0;

        System.out.println("OK " + call(client, base + "/plain"));

        String id = monkey.arm("http host=127.0.0.1 path=/ex method=GET -> exception");
        System.out.println("EXCEPTION " + call(client, base + "/ex"));
        matched += monkey.rule(id).orElseThrow().getMatched();
        monkey.disarmAll();

        id = monkey.arm("http path=/status -> status(503)");
        System.out.println("STATUS " + call(client, base + "/status") + " rule=" + id);
        matched += monkey.rule(id).orElseThrow().getMatched();
        monkey.disarmAll();

        id = monkey.arm("http path=/limit -> status(429, header=\"Retry-After: 2\", header=\"X-Backend: a\","
                + " header=\"X-Backend: b\", body=\"slow down\")");
        System.out.println("HEADERS " + headers(client, base + "/real-limit") + " | " + headers(client, base
                + "/limit"));
        matched += monkey.rule(id).orElseThrow().getMatched();
        monkey.disarmAll();

        id = monkey.arm("http path=/timeout -> timeout(100ms)");
        System.out.println("TIMEOUT " + call(client, base + "/timeout"));
        matched += monkey.rule(id).orElseThrow().getMatched();
        monkey.disarmAll();

        id = monkey.arm("http path=/slow -> delay(300ms)");
        long start = System.nanoTime();
        String slow = call(client, base + "/slow");
        System.out.println("DELAY " + slow + " ms=" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        matched += monkey.rule(id).orElseThrow().getMatched();
        monkey.disarmAll();

        id = monkey.arm("http path=/async -> exception(java.io.IOException, \"reset by chaos\")");
        CompletableFuture<String> async = new CompletableFuture<>();
        client.newCall(new Request.Builder().url(base + "/async").build()).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                async.complete("onFailure " + e.getClass().getName() + ": " + e.getMessage());
            }

            @Override
            public void onResponse(Call call, Response response) {
                async.complete("onResponse " + response.code());
                response.close();
            }
        });
        System.out.println("ASYNC " + async.get(30, TimeUnit.SECONDS));
        matched += monkey.rule(id).orElseThrow().getMatched();
        monkey.disarmAll();

        if (args.length > 1) {
            bodyFaults(monkey, client, args[1]);
        }

        System.out.println("AFTER " + call(client, base + "/plain"));
        System.out.println("MATCHED " + matched);
        Class<?> bridge = Class.forName("dev.chaosmonkey.agent.bootstrap.ChaosBridge", true, null);
        System.out.println("INTERNAL_ERRORS " + bridge.getMethod("internalErrors").invoke(null) + " "
                + monkey.internalErrors());
        System.out.println("DONE");
        System.out.flush();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        System.exit(0);
    }

    /**
     * Response-body faults against {@link BrokenHttpServer} at {@code broken}: the real truncated or reset response
     * and the injected one, printed as {@code BODY <fault> <framing> SAME|DIFFERENT <injected outcome>}, then
     * {@code DRIBBLE <outcome> ms=<time>} for 1000 bytes at 1 KB/s.
     */
    private static void bodyFaults(ChaosMonkey monkey, OkHttpClient client, String broken) {
        for (String fault : new String[] {"truncate", "reset"}) {
            for (String framing : new String[] {"fixed", "chunked", "close"}) {
                String real = call(client, broken + "/" + (fault.equals("truncate") ? "trunc" : "reset") + "/"
                        + framing).replace(" injected=false", "");
                monkey.arm("http path=/full/" + framing + " -> " + fault + "(after=100B)");
                String injected = call(client, broken + "/full/" + framing);
                monkey.disarmAll();
                boolean same = injected.replace(" injected=true", "").equals(real);
                System.out.println("BODY " + fault + " " + framing + " " + (same ? "SAME " : "DIFFERENT (real: "
                        + real + ") ") + (injected.length() > 120 ? injected.substring(0, 120) : injected));
            }
        }
        monkey.arm("http path=/full/fixed -> dribble(rate=1KB/s)");
        long start = System.nanoTime();
        String dribbled = call(client, broken + "/full/fixed");
        monkey.disarmAll();
        System.out.println("DRIBBLE " + dribbled.length() + " ms="
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** {@code <code> Retry-After=<values> X-Backend=<values> <body>}. */
    private static String headers(OkHttpClient client, String url) {
        try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            return response.code() + " Retry-After=" + response.headers("Retry-After") + " X-Backend="
                    + response.headers("X-Backend") + " " + response.body().string();
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static String call(OkHttpClient client, String url) {
        try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            String header = response.header("X-Chaos-Injected");
            return response.code() + " " + response.body().string().replace('\n', ' ')
                    + (header == null ? "" : " header=" + header);
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage() + " injected=" + ChaosMonkey.isInjected(e);
        }
    }
}
