package dev.chaosmonkey.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs JMH through its Runner API, one call per fork configuration, so each configuration gets its own JVM
 * arguments (the agent jar path is only known at run time, which {@code @Fork(jvmArgsAppend)} cannot express).
 */
final class JmhRuns {
    /** Heap fixed for every fork so GC behaviour is comparable. */
    private static final List<String> HEAP = List.of("-Xms512m", "-Xmx512m");

    private final SuiteSettings settings;

    JmhRuns(SuiteSettings settings) {
        this.settings = settings;
    }

    /**
     * Runs the benchmarks of {@code benchmarkClass} and labels the rows with {@code variant}.
     *
     * @param params JMH parameters to pin (others keep their declared values)
     * @param jvmArgs extra fork JVM arguments (the agents)
     * @param threads JMH threads
     */
    List<Measurement> run(String variant, Class<?> benchmarkClass, Map<String, String> params, List<String> jvmArgs,
            int threads) throws RunnerException {
        List<String> forkArgs = new ArrayList<>(HEAP);
        forkArgs.addAll(jvmArgs);
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(benchmarkClass.getName()) + "\\.")
                .forks(settings.forks)
                .warmupIterations(settings.warmupIterations)
                .measurementIterations(settings.iterations)
                .warmupTime(TimeValue.seconds(settings.warmupSeconds))
                .measurementTime(TimeValue.seconds(settings.seconds))
                .threads(threads)
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .jvmArgsAppend(forkArgs.toArray(new String[0]));
        params.forEach(options::param);
        System.out.println("== JMH " + variant + " " + benchmarkClass.getSimpleName() + " " + params + " threads="
                + threads + " jvmArgs=" + forkArgs);
        Collection<RunResult> results = new Runner(options.build()).run();
        if (results.isEmpty()) {
            throw new IllegalStateException("JMH produced no results for " + variant + " " + benchmarkClass.getName()
                    + " (a benchmark failed: see the output above)");
        }
        List<Measurement> rows = new ArrayList<>();
        for (RunResult result : results) {
            String fullName = result.getParams().getBenchmark();
            String method = fullName.substring(fullName.lastIndexOf('.') + 1);
            String scenario = firstParam(result, "scenario", "chaosMonkey");
            Result<?> primary = result.getPrimaryResult();
            rows.add(new Measurement(variant, method, scenario, threads, primary.getScore(), primary.getScoreError(),
                    primary.getScoreUnit(), allocation(result)));
        }
        return rows;
    }

    private static String firstParam(RunResult result, String... names) {
        for (String name : names) {
            String value = result.getParams().getParam(name);
            if (value != null) {
                return value;
            }
        }
        return "-";
    }

    private static double allocation(RunResult result) {
        for (Map.Entry<String, Result> entry : result.getSecondaryResults().entrySet()) {
            if (entry.getKey().endsWith("gc.alloc.rate.norm")) {
                return entry.getValue().getScore();
            }
        }
        return Double.NaN;
    }
}
