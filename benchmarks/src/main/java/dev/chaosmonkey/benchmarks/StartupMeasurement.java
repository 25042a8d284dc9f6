package dev.chaosmonkey.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * Time from launching a JVM to the end of its first JDBC query and HTTP call ({@link StartupProbe}), per JVM
 * argument variant. Variants are interleaved round by round so drifting machine load hits all of them alike; the
 * median over the rounds is reported.
 */
final class StartupMeasurement {

    /** Median and spread of one variant, in milliseconds. */
    record Result(String variant, double medianMillis, double minMillis, double maxMillis, int runs) {
    }

    private StartupMeasurement() {
    }

    static List<Result> measure(Map<String, List<String>> variants, int rounds) throws IOException,
            InterruptedException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/startup";
            Map<String, double[]> times = new LinkedHashMap<>();
            variants.keySet().forEach(v -> times.put(v, new double[rounds]));
            launch(List.of(), url); // warms the file cache, not recorded
            for (int round = 0; round < rounds; round++) {
                for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
                    times.get(variant.getKey())[round] = launch(variant.getValue(), url);
                }
            }
            List<Result> results = new ArrayList<>();
            times.forEach((variant, millis) -> {
                double[] sorted = millis.clone();
                Arrays.sort(sorted);
                results.add(new Result(variant, DelayAccuracy.percentile(sorted, 50), sorted[0],
                        sorted[sorted.length - 1], rounds));
            });
            return results;
        } finally {
            server.stop(0);
        }
    }

    /** Launches the probe and returns milliseconds from start to its {@link StartupProbe#DONE} line. */
    private static double launch(List<String> jvmArgs, String url) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms512m");
        command.add("-Xmx512m");
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(StartupProbe.class.getName());
        command.add(url);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        long start = System.nanoTime();
        Process process = builder.start();
        long done = -1;
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (done < 0 && line.equals(StartupProbe.DONE)) {
                    done = System.nanoTime();
                } else {
                    output.append(line).append('\n');
                }
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("startup probe did not exit within 60 s: " + command);
        }
        if (done < 0 || process.exitValue() != 0) {
            throw new IllegalStateException("startup probe failed (exit " + process.exitValue() + ") for " + command
                    + ":\n" + output);
        }
        return (done - start) / 1_000_000.0;
    }
}
