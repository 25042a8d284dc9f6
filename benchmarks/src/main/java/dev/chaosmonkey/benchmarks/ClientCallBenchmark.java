package dev.chaosmonkey.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.RuleInfo;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Per-call cost of the HTTP client calls woven since session 2 (OkHttp 4.12, Apache HttpClient 4.5 classic,
 * Apache HttpClient 5 async), each a keep-alive GET to a JDK {@code HttpServer} on 127.0.0.1 in the same fork. Run
 * without the agent ({@code NO_AGENT}) and under {@code -javaagent:chaos-agent.jar=enabled=true} with nothing armed
 * ({@code DISARMED}) or a rule on the http point that never matches ({@code NON_MATCHING}). With the agent the setup
 * first proves each call is woven: a {@code p=0} rule on the measured path must see exactly one decision per client.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClientCallBenchmark {
    /** {@code NO_AGENT}, {@code DISARMED} or {@code NON_MATCHING}. */
    @Param({"NO_AGENT"})
    public String scenario;

    private HttpServer server;
    private ExecutorService serverThreads;
    private String url;
    private OkHttpClient okHttp;
    private CloseableHttpClient classic4;
    private CloseableHttpAsyncClient async5;

    /** Starts the loopback server and the clients, and checks the fork's chaos state. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        // without TCP_NODELAY the server's separate header and body writes meet the client's delayed ACK: 40 ms a call
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        serverThreads = Executors.newFixedThreadPool(2);
        server.setExecutor(serverThreads);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/bench";
        okHttp = new OkHttpClient();
        classic4 = HttpClients.createDefault();
        async5 = HttpAsyncClients.createDefault();
        async5.start();
        if (!scenario.equals("NO_AGENT")) {
            ChaosMonkey global = ChaosMonkey.global();
            String prime = global.arm("http path=/bench -> exception p=0 for=1h");
            okHttp4();
            apacheClassic4();
            apacheAsync5();
            long matched = global.rule(prime).map(RuleInfo::getMatched).orElse(0L);
            global.disarm(prime);
            if (matched != 3) {
                throw new IllegalStateException("a p=0 rule saw " + matched + " decisions for 3 client calls: the"
                        + " calls are not woven by the chaos agent (is it attached?)");
            }
            if (scenario.equals("NON_MATCHING")) {
                global.arm("http host=unreachable.invalid -> exception for=1h");
            } else if (!scenario.equals("DISARMED")) {
                throw new IllegalArgumentException("unknown scenario " + scenario);
            }
        }
    }

    /** Stops the clients and the server. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        okHttp.dispatcher().executorService().shutdown();
        okHttp.connectionPool().evictAll();
        classic4.close();
        async5.close();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    /** OkHttp 4.12 {@code Call.execute()}. */
    @Benchmark
    public int okHttp4() throws IOException {
        try (Response response = okHttp.newCall(new Request.Builder().url(url).build()).execute()) {
            return response.body().bytes().length;
        }
    }

    /** Apache HttpClient 4.5 classic {@code execute}. */
    @Benchmark
    public int apacheClassic4() throws IOException {
        try (CloseableHttpResponse response = classic4.execute(new HttpGet(url))) {
            return EntityUtils.toByteArray(response.getEntity()).length;
        }
    }

    /** Apache HttpClient 5 async {@code execute(...).get()}. */
    @Benchmark
    public int apacheAsync5() throws Exception {
        SimpleHttpResponse response = async5.execute(SimpleRequestBuilder.get(url).build(), null)
                .get(30, TimeUnit.SECONDS);
        return response.getBodyBytes().length;
    }
}
