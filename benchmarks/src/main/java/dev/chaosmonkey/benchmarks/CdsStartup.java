package dev.chaosmonkey.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Part {@code cds}: the Spring Boot application started from a class-data-sharing archive, following Spring Boot's
 * documented recipe: {@code java -Djarmode=tools -jar boot-app.jar extract}, one training run of the extracted jar
 * with {@code -XX:ArchiveClassesAtExit} and {@code -Dspring.context.exit=onRefresh}, then start-ups with
 * {@code -XX:SharedArchiveFile}. On JDK 25+ also the AOT cache ({@code -XX:AOTCacheOutput} training run, then
 * {@code -XX:AOTCache}), trained once as is and once with {@code --add-modules=java.instrument} ({@link #INSTRUMENT}). The archives are trained without any agent, as a build pipeline would; each archive is then
 * used without the agent, with the chaos agent and nothing armed, and with rules armed by its options. Every run
 * logs {@code -Xlog:class+load} to a file, from which the report takes the share of classes loaded from the archive.
 */
final class CdsStartup {
    static final String NO_ARCHIVE = "extracted jar, no archive";
    static final String CDS_NO_AGENT = "CDS archive, no agent";
    static final String AOT_NO_AGENT = "AOT cache, no agent";
    /**
     * An AOT cache trained with {@code --add-modules=java.instrument}: {@code -javaagent} adds that module, and JDK 25
     * rejects a cache whose {@code jdk.module.addmods} differs from training ({@code [error][aot] Mismatched values
     * for property jdk.module.addmods}), so a cache trained without it is never used with an agent.
     */
    static final String INSTRUMENT = "--add-modules=java.instrument";
    static final String AOT_INSTRUMENT_NO_AGENT = "AOT cache trained with java.instrument, no agent";
    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(6);

    /**
     * One variant over the rounds.
     *
     * @param variant name
     * @param archiveBaseline the variant with the same archive and no agent ({@code null} for those)
     * @param timings one per round
     * @param classLoads one per round
     */
    record Result(String variant, String archiveBaseline, List<BootLaunch.Timing> timings,
            List<BootLog.ClassLoads> classLoads) {
    }

    /**
     * A variant: JVM arguments, and the no-agent variant of the same archive.
     *
     * @param args JVM arguments besides the common ones and the class-load log
     * @param archiveBaseline the no-agent variant on the same archive, or {@code null}
     */
    record Variant(List<String> args, String archiveBaseline) {
    }

    private CdsStartup() {
    }

    /** Whether this JVM has the one-step AOT cache ({@code -XX:AOTCacheOutput}, JDK 25). */
    static boolean hasAotCache() {
        return Runtime.version().feature() >= 25;
    }

    /**
     * Extracts the jar, trains the archive(s) and measures the variants.
     *
     * @param fatJar the application's fat jar
     * @param workDir a directory this part may empty and fill
     * @param chaosAgent the chaos agent jar, or {@code null} (then only the no-agent variants run)
     */
    static List<Result> measure(Path fatJar, Path workDir, Path chaosAgent, int rounds) throws IOException,
            InterruptedException {
        deleteTree(workDir);
        Files.createDirectories(workDir.resolve("logs"));
        Path extracted = workDir.resolve("extracted");
        System.out.println("   extracting " + fatJar + " (java -Djarmode=tools -jar ... extract)");
        BootLaunch.runToEnd(List.of("-Djarmode=tools"), fatJar,
                List.of("extract", "--destination", extracted.toString()), Duration.ofMinutes(2));
        Path jar = extracted.resolve(fatJar.getFileName());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("extraction left no " + jar);
        }
        Path jsa = workDir.resolve("boot-app.jsa");
        train(jar, List.of("-XX:ArchiveClassesAtExit=" + jsa), jsa);
        Map<String, Variant> variants = new LinkedHashMap<>();
        variants.put(NO_ARCHIVE, new Variant(List.of(), null));
        addArchiveVariants(variants, "CDS archive", CDS_NO_AGENT, List.of("-XX:SharedArchiveFile=" + jsa),
                chaosAgent);
        if (hasAotCache()) {
            Path aot = workDir.resolve("boot-app.aot");
            train(jar, List.of("-XX:AOTCacheOutput=" + aot), aot);
            addArchiveVariants(variants, "AOT cache", AOT_NO_AGENT, List.of("-XX:AOTCache=" + aot), chaosAgent);
            Path instrumentAot = workDir.resolve("boot-app-instrument.aot");
            train(jar, List.of(INSTRUMENT, "-XX:AOTCacheOutput=" + instrumentAot), instrumentAot);
            addArchiveVariants(variants, "AOT cache trained with java.instrument", AOT_INSTRUMENT_NO_AGENT,
                    List.of(INSTRUMENT, "-XX:AOTCache=" + instrumentAot), chaosAgent);
        }
        List<String> names = new ArrayList<>(variants.keySet());
        Map<String, List<BootLaunch.Timing>> timings = new LinkedHashMap<>();
        Map<String, List<BootLog.ClassLoads>> loads = new LinkedHashMap<>();
        names.forEach(name -> {
            timings.put(name, new ArrayList<>());
            loads.put(name, new ArrayList<>());
        });
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < names.size(); i++) {
                int index = (round + i) % names.size();
                String name = names.get(index);
                Path log = workDir.resolve("logs").resolve("variant" + index + "-round" + round + ".log");
                List<String> args = new ArrayList<>(BootStartup.commonArgs());
                args.add("-Xlog:class+load=info:file=" + log);
                args.addAll(variants.get(name).args());
                BootLaunch.Timing t = BootLaunch.launch(args, jar, null);
                BootLog.ClassLoads counts = BootLog.classLoads(log);
                timings.get(name).add(t);
                loads.get(name).add(counts);
                System.out.printf("   round %d/%d %-45s started %6.0f ms, %d/%d classes shared (%.1f%%)%s%n",
                        round + 1, rounds, name, t.startedMillis(), counts.shared(), counts.total(),
                        counts.hitRate() * 100, t.sharingWarning() ? " (sharing warning)" : "");
            }
        }
        List<Result> results = new ArrayList<>();
        names.forEach(name -> results.add(new Result(name, variants.get(name).archiveBaseline(), timings.get(name),
                loads.get(name))));
        return results;
    }

    private static void addArchiveVariants(Map<String, Variant> variants, String archive, String noAgent,
            List<String> archiveArgs, Path chaosAgent) {
        variants.put(noAgent, new Variant(archiveArgs, null));
        if (chaosAgent != null) {
            List<String> idle = new ArrayList<>(archiveArgs);
            idle.add(ChaosAgentArgs.idle(chaosAgent));
            variants.put(archive + ", chaos agent, nothing armed", new Variant(idle, noAgent));
            List<String> armed = new ArrayList<>(archiveArgs);
            armed.add(ChaosAgentArgs.armed(chaosAgent));
            variants.put(archive + ", chaos agent, jdbc+http rules armed", new Variant(armed, noAgent));
        }
    }

    /** One training run that ends after the context refreshed and leaves the archive behind. */
    private static void train(Path jar, List<String> archiveArgs, Path archive) throws IOException,
            InterruptedException {
        System.out.println("   training run: " + archiveArgs);
        List<String> args = new ArrayList<>(BootStartup.commonArgs());
        args.addAll(archiveArgs);
        args.add("-Dspring.context.exit=onRefresh");
        BootLaunch.runToEnd(args, jar, List.of(), TRAINING_TIMEOUT);
        if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
            throw new IllegalStateException("the training run " + archiveArgs + " left no archive at " + archive);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
