package dev.chaosmonkey.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Command-line settings of {@link BenchmarkSuite}: {@code --name=value} pairs. Unknown names and bad values fail
 * with a message naming them.
 */
public final class SuiteSettings {
    /** All parts, in run order. */
    public static final List<String> ALL_PARTS =
            List.of("core", "woven", "clients", "spring", "contention", "startup", "delay", "release", "boot", "cds",
                    "arm");

    private static final Set<String> NAMES = new TreeSet<>(List.of("agent", "byteman", "spring-classpath", "out",
            "forks", "warmup-iterations", "iterations", "warmup-seconds", "seconds", "startup-runs", "delay-samples", "release-rounds",
            "parts", "spring-child", "boot-app", "otel-agent", "boot-runs", "cds-runs", "arm-runs"));

    final Path agentJar;
    final Path bytemanJar;
    final String springClasspath;
    final Path outDir;
    final int forks;
    final int warmupIterations;
    final int iterations;
    final int warmupSeconds;
    final int seconds;
    final int startupRuns;
    final int delaySamples;
    final int releaseRounds;
    final List<String> parts;
    final Path springChildOutput;
    /** The Spring Boot application's fat jar (parts boot, cds, arm). */
    final Path bootApp;
    /** The OpenTelemetry Java agent, for scale in part boot (optional). */
    final Path otelAgent;
    final int bootRuns;
    final int cdsRuns;
    final int armRuns;
    private final Map<String, String> raw;

    private SuiteSettings(Map<String, String> raw) {
        this.raw = raw;
        agentJar = optionalFile("agent");
        bytemanJar = optionalFile("byteman");
        springClasspath = raw.getOrDefault("spring-classpath", "");
        outDir = Path.of(raw.getOrDefault("out", "benchmarks/target/results"));
        forks = positive("forks", 2);
        warmupIterations = positive("warmup-iterations", 3);
        iterations = positive("iterations", 5);
        warmupSeconds = positive("warmup-seconds", 1);
        seconds = positive("seconds", 1);
        startupRuns = positive("startup-runs", 7);
        delaySamples = positive("delay-samples", 100);
        releaseRounds = positive("release-rounds", 20);
        parts = Arrays.asList(raw.getOrDefault("parts", String.join(",", ALL_PARTS)).split(","));
        for (String part : parts) {
            if (!ALL_PARTS.contains(part)) {
                throw new IllegalArgumentException("unknown part '" + part + "'; parts are " + ALL_PARTS);
            }
        }
        bootApp = optionalFile("boot-app");
        otelAgent = optionalFile("otel-agent");
        bootRuns = positive("boot-runs", 5);
        cdsRuns = positive("cds-runs", 3);
        armRuns = positive("arm-runs", 3);
        String child = raw.get("spring-child");
        springChildOutput = child == null ? null : Path.of(child);
    }

    /** Parses {@code --name=value} arguments. */
    public static SuiteSettings parse(String... args) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --name=value, got '" + arg + "'; names: " + NAMES);
            }
            String name = arg.substring(2, eq);
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; options: " + NAMES);
            }
            raw.put(name, arg.substring(eq + 1));
        }
        return new SuiteSettings(raw);
    }

    /** The arguments that reproduce the JMH settings in a child JVM. */
    List<String> jmhArguments() {
        return List.of("--forks=" + forks, "--warmup-iterations=" + warmupIterations, "--iterations=" + iterations,
                "--warmup-seconds=" + warmupSeconds, "--seconds=" + seconds);
    }

    boolean runs(String part) {
        return parts.contains(part);
    }

    /** A one-line description of the JMH configuration for the report. */
    String jmhDescription() {
        return "-f " + forks + " -wi " + warmupIterations + " -i " + iterations + " -w " + warmupSeconds + "s -r "
                + seconds + "s, -prof gc";
    }

    private Path optionalFile(String name) {
        String value = raw.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        Path path = Path.of(value).toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("--" + name + " names no file: " + path);
        }
        return path;
    }

    private int positive(String name, int fallback) {
        String value = raw.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a positive integer, got '" + value + "'");
    }
}
