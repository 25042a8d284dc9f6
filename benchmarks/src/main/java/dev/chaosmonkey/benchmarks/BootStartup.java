package dev.chaosmonkey.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Part {@code boot}: the Spring Boot application started as a fat jar ({@code java -jar boot-app.jar}) in fresh
 * JVMs, per JVM-argument variant (no agent, the chaos agent with nothing armed, the chaos agent with rules armed by
 * its options, the OpenTelemetry agent for scale). Rounds are interleaved and the order rotates each round, so
 * drifting machine load hits every variant alike; each variant's time is also divided by the no-agent time of the
 * same round (a pairwise ratio), whose median is what the report compares.
 */
final class BootStartup {
    /** The variant every ratio is taken against. */
    static final String BASELINE = "no agent";

    /**
     * The timings of one variant over the rounds.
     *
     * @param variant the variant's name
     * @param jvmArgs its JVM arguments (without the common ones)
     * @param timings one per round
     * @param pairRatios started time / the baseline's started time of the same round (empty for the baseline)
     */
    record Result(String variant, List<String> jvmArgs, List<BootLaunch.Timing> timings, double[] pairRatios) {
        double[] startedMillis() {
            return timings.stream().mapToDouble(BootLaunch.Timing::startedMillis).toArray();
        }

        double[] firstPageMillis() {
            return timings.stream().mapToDouble(BootLaunch.Timing::firstPageMillis).toArray();
        }

        /** Boot's own "process running for" figure, in ms. */
        double[] processMillis() {
            return timings.stream().mapToDouble(t -> t.started().processSeconds() * 1000).toArray();
        }

        boolean sharingWarning() {
            return timings.stream().anyMatch(BootLaunch.Timing::sharingWarning);
        }

        /** Distinct JVM/agent warnings seen in any round. */
        Set<String> warnings() {
            Set<String> distinct = new LinkedHashSet<>();
            timings.forEach(t -> t.warnings().forEach(w -> distinct.add(w.replaceFirst("^\\[[0-9.]+s\\]", ""))));
            return distinct;
        }
    }

    private BootStartup() {
    }

    /** The JVM arguments every variant shares. */
    static List<String> commonArgs() {
        return List.of("-Xms256m", "-Xmx512m");
    }

    /** The variants of this run: the chaos agent ones need its jar, the OpenTelemetry one its jar. */
    static Map<String, List<String>> variants(Path chaosAgent, Path otelAgent) {
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put(BASELINE, List.of());
        if (chaosAgent != null) {
            variants.put(BenchmarkSuite.BOOT_CHAOS_IDLE, List.of(ChaosAgentArgs.idle(chaosAgent)));
            variants.put(BenchmarkSuite.BOOT_CHAOS_ARMED, List.of(ChaosAgentArgs.armed(chaosAgent)));
        }
        if (otelAgent != null) {
            variants.put(BenchmarkSuite.BOOT_OTEL, otelArgs(otelAgent));
        }
        return variants;
    }

    /** The OpenTelemetry agent with its exporters off (nothing leaves the machine; no collector is needed). */
    static List<String> otelArgs(Path otelAgent) {
        return List.of("-javaagent:" + otelAgent, "-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none",
                "-Dotel.logs.exporter=none");
    }

    /**
     * Interleaved start-ups of the jar: one unrecorded warm-up launch (file cache), then {@code rounds} rounds of
     * every variant, the order rotated by one each round.
     */
    static List<Result> measure(Path jar, Map<String, List<String>> variants, int rounds) throws IOException,
            InterruptedException {
        List<String> names = new ArrayList<>(variants.keySet());
        Map<String, BootLaunch.Timing[]> timings = new LinkedHashMap<>();
        names.forEach(name -> timings.put(name, new BootLaunch.Timing[rounds]));
        System.out.println("   warm-up launch (not recorded)");
        BootLaunch.launch(commonArgs(), jar, null);
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((round + i) % names.size());
                List<String> args = new ArrayList<>(commonArgs());
                args.addAll(variants.get(name));
                BootLaunch.Timing t = BootLaunch.launch(args, jar, null);
                timings.get(name)[round] = t;
                System.out.printf("   round %d/%d %-40s started %6.0f ms, first page %6.0f ms%s%n", round + 1,
                        rounds, name, t.startedMillis(), t.firstPageMillis(),
                        t.sharingWarning() ? " (sharing warning)" : "");
            }
        }
        return results(variants, timings);
    }

    static List<Result> results(Map<String, List<String>> variants, Map<String, BootLaunch.Timing[]> timings) {
        BootLaunch.Timing[] base = timings.get(BASELINE);
        List<Result> results = new ArrayList<>();
        timings.forEach((name, runs) -> {
            double[] ratios = new double[0];
            if (!name.equals(BASELINE) && base != null) {
                ratios = new double[runs.length];
                for (int i = 0; i < runs.length; i++) {
                    ratios[i] = runs[i].startedMillis() / base[i].startedMillis();
                }
            }
            results.add(new Result(name, variants.get(name), Arrays.asList(runs), ratios));
        });
        return results;
    }
}
