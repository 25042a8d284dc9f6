package dev.chaosmonkey.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.runner.RunnerException;

/**
 * Runs every measurement in one go and writes {@code results.md} (the table of {@code BENCHMARKS.md}) to the output
 * directory. Started by {@code benchmarks/run.sh}; see {@link SuiteSettings} for the options.
 *
 * <p>Parts: {@code core} (decisions without agent), {@code woven} (no agent / chaos agent per {@link Scenario} /
 * Byteman), {@code spring} (Chaos Monkey for Spring Boot, in a child JVM with Spring on its class path),
 * {@code contention} (1 vs 2 threads), {@code startup}, {@code delay}, {@code release} (kill switch to held calls
 * returning), {@code boot} (the Spring Boot application of {@code benchmarks/boot-app} started in fresh JVMs),
 * {@code cds} (the same from a CDS archive / AOT cache), {@code arm} (arming the first rules in that running
 * application).
 */
public final class BenchmarkSuite {
    /** Startup variant names. */
    static final String NO_AGENT = "no agent";
    static final String CHAOS_AGENT = "chaos agent, no rule";
    static final String CHAOS_AGENT_ARMED = "chaos agent, jdbc+http rules p=0";
    static final String BYTEMAN = "Byteman, IF false rules";
    /** Spring Boot start-up variant names (part boot). */
    static final String BOOT_CHAOS_IDLE = "chaos agent, nothing armed";
    static final String BOOT_CHAOS_ARMED = "chaos agent, jdbc+http rules armed at start";
    static final String BOOT_OTEL = "OpenTelemetry agent (exporters off)";

    private BenchmarkSuite() {
    }

    /** Entry point: {@code --name=value} options. */
    public static void main(String[] args) throws Exception {
        SuiteSettings settings = SuiteSettings.parse(args);
        if (settings.springChildOutput != null) {
            runSpringChild(settings);
            return;
        }
        Files.createDirectories(settings.outDir);
        SuiteReport report = new SuiteReport(settings);
        report.loadBefore = Environment.loadAverage();
        JmhRuns jmh = new JmhRuns(settings);
        Path script = BytemanRules.write(settings.outDir);

        part(settings, report, "core", () -> {
            report.rows.addAll(jmh.run("core", CoreDecisionBenchmark.class, Map.of(), List.of(), 1));
            report.rows.addAll(jmh.run("core-scope", ScopedDecisionBenchmark.class, Map.of(), List.of(), 1));
        });
        part(settings, report, "woven", () -> runWoven(settings, jmh, script, report));
        part(settings, report, "clients", () -> ClientCallsPart.run(settings, jmh, report));
        part(settings, report, "spring", () -> runSpring(settings, report));
        part(settings, report, "contention", () -> {
            report.rows.addAll(jmh.run("contention", ContentionBenchmark.class, Map.of(), List.of(), 1));
            report.rows.addAll(jmh.run("contention", ContentionBenchmark.class, Map.of(), List.of(), 2));
        });
        part(settings, report, "startup", () -> {
            Map<String, List<String>> variants = new LinkedHashMap<>();
            variants.put(NO_AGENT, List.of());
            if (settings.agentJar != null) {
                variants.put(CHAOS_AGENT, List.of("-javaagent:" + settings.agentJar));
                variants.put(CHAOS_AGENT_ARMED, List.of("-javaagent:" + settings.agentJar + "=enabled=true"
                        + ";spec=jdbc -> exception p=0 for=1h;spec=http -> exception p=0 for=1h"));
            } else {
                report.notMeasured.add("Startup with the chaos agent: no agent jar was given (--agent).");
            }
            if (settings.bytemanJar != null) {
                variants.put(BYTEMAN, List.of(BytemanRules.agentArgument(settings.bytemanJar, script)));
            }
            System.out.println("== startup " + variants.keySet() + " x " + settings.startupRuns);
            report.startup.addAll(StartupMeasurement.measure(variants, settings.startupRuns));
        });
        part(settings, report, "delay", () -> {
            for (long millis : new long[] {10, 50, 200}) {
                int samples = millis >= 200 ? Math.max(10, settings.delaySamples / 4) : settings.delaySamples;
                System.out.println("== delay accuracy " + millis + " ms x " + samples);
                report.delays.add(DelayAccuracy.measure(millis, samples));
            }
            double nan = Double.NaN;
            int drawn = Math.max(200, settings.delaySamples * 20);
            System.out.println("== delay distributions x " + drawn);
            report.distributions.add(DelayAccuracy.measureDistribution("delay(p50=2ms, p99=40ms)",
                    new double[] {2, nan, 40}, drawn));
            report.distributions.add(DelayAccuracy.measureDistribution("delay(p90=5ms, p99=20ms)",
                    new double[] {nan, 5, 20}, drawn));
            report.distributions.add(DelayAccuracy.measureDistribution("delay(1ms|30ms, p=0.05)",
                    new double[] {1, 1, 30}, drawn));
        });
        part(settings, report, "release", () -> {
            for (ReleaseLatency.Trigger trigger : ReleaseLatency.Trigger.values()) {
                for (String fault : new String[] {"delay(60s)", "timeout(60s)"}) {
                    System.out.println("== release latency " + trigger + " " + fault + " x " + settings.releaseRounds);
                    report.releases.add(ReleaseLatency.measure(trigger, fault, 8, settings.releaseRounds));
                }
            }
        });
        part(settings, report, "boot", () -> {
            Path jar = bootApp(settings);
            if (settings.agentJar == null) {
                report.notMeasured.add("Spring Boot start-up with the chaos agent: no agent jar was given (--agent).");
            }
            Map<String, List<String>> variants = BootStartup.variants(settings.agentJar, settings.otelAgent);
            System.out.println("== boot " + variants.keySet() + " x " + settings.bootRuns);
            report.boot.addAll(BootStartup.measure(jar, variants, settings.bootRuns));
        });
        part(settings, report, "cds", () -> {
            Path jar = bootApp(settings);
            System.out.println("== cds x " + settings.cdsRuns);
            report.cds.addAll(CdsStartup.measure(jar, settings.outDir.resolve("cds"), settings.agentJar,
                    settings.cdsRuns));
        });
        part(settings, report, "arm", () -> {
            Path jar = bootApp(settings);
            if (settings.agentJar == null) {
                throw new IllegalStateException("the arm part needs the chaos agent (--agent)");
            }
            System.out.println("== arm x " + settings.armRuns);
            report.arm.addAll(ArmPause.measure(jar, settings.agentJar, settings.armRuns));
        });
        report.loadAfter = Environment.loadAverage();
        Path markdown = settings.outDir.resolve("results.md");
        Files.writeString(markdown, report.markdown());
        List<String> tsv = new ArrayList<>();
        report.rows.forEach(row -> tsv.add(row.toTsv()));
        Files.write(settings.outDir.resolve("jmh-rows.tsv"), tsv);
        System.out.println();
        System.out.println(report.markdown());
        System.out.println("written: " + markdown.toAbsolutePath());
    }

    private static Path bootApp(SuiteSettings settings) {
        if (settings.bootApp == null) {
            throw new IllegalStateException("no Spring Boot application jar was given (--boot-app; run.sh builds "
                    + "benchmarks/boot-app/target/boot-app.jar)");
        }
        return settings.bootApp;
    }

    /** A part of the suite; its failure is reported in the results instead of losing the other parts. */
    @FunctionalInterface
    private interface Part {
        void run() throws Exception;
    }

    private static void part(SuiteSettings settings, SuiteReport report, String name, Part part) {
        if (!settings.runs(name)) {
            return;
        }
        try {
            part.run();
        } catch (Exception e) {
            e.printStackTrace();
            report.notMeasured.add("Part '" + name + "' failed: " + firstLine(e) + " (see jmh.log).");
        }
    }

    private static String firstLine(Throwable e) {
        String text = String.valueOf(e);
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline) + " ...";
    }

    /** One fork configuration of the woven part; a failure loses only its own rows. */
    private static void woven(SuiteReport report, String what, Part run) {
        try {
            run.run();
        } catch (Exception e) {
            e.printStackTrace();
            report.notMeasured.add("Woven calls, " + what + ": failed: " + firstLine(e) + " (see jmh.log).");
        }
    }

    private static void runWoven(SuiteSettings settings, JmhRuns jmh, Path script, SuiteReport report) {
        woven(report, "no agent", () -> report.rows.addAll(jmh.run("no agent", WovenCallBenchmark.class,
                Map.of("scenario", "NO_AGENT", "expectedRules", "-1"), List.of(), 1)));
        if (settings.agentJar != null) {
            for (Scenario scenario : Scenario.values()) {
                String agentArg = "-javaagent:" + settings.agentJar + "=" + scenario.agentOptions();
                woven(report, "chaos agent " + scenario.name(), () -> report.rows.addAll(jmh.run("chaos agent",
                        WovenCallBenchmark.class, Map.of("scenario", scenario.name(), "expectedRules",
                                Integer.toString(scenario.specs().size()), "primeWeaving", "true"),
                        List.of(agentArg), 1)));
            }
        } else {
            report.notMeasured.add("Woven calls with the chaos agent: no agent jar was given (--agent); "
                    + "only the no-agent baseline and the peers ran.");
        }
        if (settings.bytemanJar != null) {
            woven(report, "Byteman", () -> report.rows.addAll(jmh.run("byteman", WovenCallBenchmark.class,
                    Map.of("scenario", "BYTEMAN_IF_FALSE", "expectedRules", "-1", "expectByteman", "true"),
                    List.of(BytemanRules.agentArgument(settings.bytemanJar, script)), 1)));
        } else {
            report.notMeasured.add("Byteman: no Byteman jar was given (--byteman).");
        }
    }

    /** Runs the Spring peer in a child JVM whose class path (inherited by its JMH forks) has Spring on it. */
    private static void runSpring(SuiteSettings settings, SuiteReport report) throws IOException,
            InterruptedException {
        if (settings.springClasspath.isBlank()) {
            report.notMeasured.add("Chaos Monkey for Spring Boot: no Spring class path was given "
                    + "(--spring-classpath).");
            return;
        }
        Path output = settings.outDir.resolve("spring-rows.tsv").toAbsolutePath();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(settings.springClasspath);
        command.add(BenchmarkSuite.class.getName());
        command.addAll(settings.jmhArguments());
        command.add("--spring-child=" + output);
        System.out.println("== spring peer in a child JVM");
        int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("the Spring peer child JVM failed with exit code " + exit);
        }
        for (String line : Files.readAllLines(output)) {
            report.rows.add(Measurement.fromTsv(line));
        }
    }

    private static void runSpringChild(SuiteSettings settings) throws RunnerException, IOException {
        List<Measurement> rows = new JmhRuns(settings).run("spring", SpringPeerBenchmark.class, Map.of(), List.of(), 1);
        List<String> lines = new ArrayList<>();
        rows.forEach(row -> lines.add(row.toTsv()));
        Files.write(settings.springChildOutput, lines);
    }
}
