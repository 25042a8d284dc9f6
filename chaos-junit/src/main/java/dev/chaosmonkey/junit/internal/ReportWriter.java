package dev.chaosmonkey.junit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.chaosmonkey.experiment.internal.Json;
import dev.chaosmonkey.experiment.SloCheck;
import dev.chaosmonkey.junit.Episode;
import dev.chaosmonkey.junit.ExperimentResult;
import dev.chaosmonkey.junit.PhaseStats;
import dev.chaosmonkey.junit.TimelineEvent;

/**
 * Writes an experiment's JSON, Markdown and HTML reports to {@code <dir>/<report name>.{json,md,html}}. The directory
 * is the system property {@value #DIR_PROPERTY}, by default {@code target/chaos-reports}.
 */
public final class ReportWriter {
    /** System property naming the report directory. */
    public static final String DIR_PROPERTY = "chaos.reports.dir";

    private ReportWriter() {
    }

    /** The report directory. */
    public static Path directory() {
        return Paths.get(System.getProperty(DIR_PROPERTY, "target/chaos-reports"));
    }

    /**
     * Writes the three reports and returns the HTML file.
     *
     * @throws UncheckedIOException if a file cannot be written
     */
    public static Path write(ExperimentSettings settings, ExperimentResult r, boolean testPassed,
            Map<String, List<String>> statePaths) {
        Path dir = directory();
        List<String> recommendations = Recommendations.of(r);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(settings.reportName() + ".json"),
                    Json.write(toMap(settings, r, testPassed, statePaths, recommendations)), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(settings.reportName() + ".md"),
                    markdown(settings, r, testPassed, statePaths, recommendations), StandardCharsets.UTF_8);
            Path html = dir.resolve(settings.reportName() + ".html");
            Files.writeString(html, HtmlReport.render(settings, r, testPassed, statePaths, recommendations),
                    StandardCharsets.UTF_8);
            return html;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chaos reports to " + dir.toAbsolutePath(), e);
        }
    }

    static Map<String, Object> toMap(ExperimentSettings s, ExperimentResult r, boolean testPassed,
            Map<String, List<String>> statePaths, List<String> recommendations) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("test", r.testName());
        m.put("hypothesis", r.hypothesis());
        m.put("environment", r.environment());
        m.put("scope", r.scope());
        m.put("exclusive", r.exclusive());
        m.put("testPassed", testPassed);
        m.put("sloMet", r.sloMet());
        Map<String, Object> method = new LinkedHashMap<>();
        method.put("faults", s.faults().stream().map(f -> f.toSpec()).toList());
        method.put("faultWindowMs", s.faultWindow().toMillis());
        method.put("baselineMs", s.baseline().toMillis());
        method.put("sampleIntervalMs", s.sampleInterval().toMillis());
        method.put("recoveryTimeoutMs", s.recoveryTimeout().toMillis());
        method.put("healthySamples", s.healthySamples());
        method.put("probe", r.probe());
        m.put("method", method);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("timeToDetectMs", r.timeToDetect().map(Duration::toMillis).orElse(null));
        metrics.put("mttrMs", r.mttr().map(Duration::toMillis).orElse(null));
        metrics.put("worstRecoveryMs", r.worstRecovery().map(Duration::toMillis).orElse(null));
        metrics.put("latencyDegradationP95Ms", r.latencyDegradation().toMillis());
        metrics.put("fallbackAnswers", r.fallbackAnswers());
        metrics.put("injections", r.injections());
        m.put("metrics", metrics);
        m.put("phases", List.of(phase(r.baseline()), phase(r.faultWindow()), phase(r.recovery())));
        List<Object> eps = new ArrayList<>();
        for (Episode e : r.episodes()) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("index", e.index());
            em.put("faults", e.faults());
            em.put("faultStartMs", e.faultStartMillis());
            em.put("faultEndMs", e.faultEndMillis());
            em.put("injections", e.injections());
            em.put("timeToDetectMs", e.timeToDetect().map(Duration::toMillis).orElse(null));
            em.put("recoveryMs", e.recoveryTime().map(Duration::toMillis).orElse(null));
            em.put("recovered", e.recovered());
            eps.add(em);
        }
        m.put("episodes", eps);
        Map<String, Object> components = new LinkedHashMap<>();
        r.components().forEach((k, v) -> {
            Map<String, Object> c = new LinkedHashMap<>(v);
            if (statePaths.containsKey(k)) {
                c.put("states", statePaths.get(k));
            }
            components.put(k, c);
        });
        m.put("components", components);
        List<Object> slo = new ArrayList<>();
        for (SloCheck c : r.sloChecks()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("metric", c.metric());
            cm.put("phase", c.phase());
            cm.put("target", c.target());
            cm.put("measured", c.measured());
            cm.put("status", c.status().name());
            slo.add(cm);
        }
        m.put("slo", slo);
        List<Object> timeline = new ArrayList<>();
        for (TimelineEvent e : r.timeline()) {
            timeline.add(Map.of("atMs", e.offsetMillis(), "source", e.source(), "event", e.description()));
        }
        m.put("timeline", timeline);
        List<Object> samples = new ArrayList<>();
        r.samples().forEach(p -> samples.add(List.of(p.offsetMillis(), Math.round(p.latencyMillis() * 1000) / 1000.0,
                p.outcome().name())));
        m.put("samples", samples);
        m.put("recommendations", recommendations);
        return m;
    }

    private static Map<String, Object> phase(PhaseStats p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phase", p.phase());
        m.put("samples", p.samples());
        m.put("healthy", p.healthy());
        m.put("degraded", p.degraded());
        m.put("failed", p.failed());
        m.put("errorRate", p.errorRate());
        m.put("availability", p.availability());
        m.put("p50Ms", p.p50().toNanos() / 1e6);
        m.put("p95Ms", p.p95().toNanos() / 1e6);
        m.put("p99Ms", p.p99().toNanos() / 1e6);
        return m;
    }

    static String markdown(ExperimentSettings s, ExperimentResult r, boolean testPassed,
            Map<String, List<String>> statePaths, List<String> recommendations) {
        StringBuilder md = new StringBuilder();
        md.append("# Chaos experiment: ").append(r.testName()).append("\n\n");
        md.append("**Result:** ").append(r.sloMet() && testPassed ? "PASSED" : "FAILED")
                .append(r.sloMet() ? "" : " (SLO violated)").append(testPassed ? "" : " (test assertions failed)")
                .append("\n\n");
        md.append("## Hypothesis\n\n").append(r.hypothesis().isEmpty() ? "_none stated_" : r.hypothesis())
                .append("\n\n");
        md.append("## Method\n\n");
        md.append("- Environment: ").append(r.environment() == null ? "(none)" : r.environment()).append('\n');
        md.append("- Scope: `").append(r.scope()).append("`, ").append(scopeNote(r)).append('\n');
        md.append("- Steady-state probe: ").append(r.probe() == null ? "(none)" : "`" + r.probe() + "`")
                .append(", every ").append(DurationText.format(s.sampleInterval())).append('\n');
        md.append("- Baseline: ").append(DurationText.format(s.baseline())).append('\n');
        if (!s.faults().isEmpty()) {
            md.append("- Declared faults, ").append(s.episodes()).append(" episode(s) of ")
                    .append(DurationText.format(s.faultWindow())).append(":\n");
            s.faults().forEach(f -> md.append("  - `").append(f.toSpec()).append("`\n"));
        } else {
            md.append("- Faults armed by the test through ChaosControl\n");
        }
        md.append("- Recovered = ").append(s.healthySamples()).append(" consecutive healthy samples, waited up to ")
                .append(DurationText.format(s.recoveryTimeout())).append("\n\n");
        md.append("## Observations\n\n");
        md.append("| phase | samples | healthy | degraded | failed | error rate | availability | p50 | p95 | p99 |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (PhaseStats p : List.of(r.baseline(), r.faultWindow(), r.recovery())) {
            md.append("| ").append(p.phase()).append(" | ").append(p.samples()).append(" | ").append(p.healthy())
                    .append(" | ").append(p.degraded()).append(" | ").append(p.failed()).append(" | ")
                    .append(DurationText.percent(p.errorRate())).append(" | ")
                    .append(DurationText.percent(p.availability())).append(" | ").append(ms(p.p50())).append(" | ")
                    .append(ms(p.p95())).append(" | ").append(ms(p.p99())).append(" |\n");
        }
        md.append('\n');
        md.append("| episode | fault window | injections | time to detect | recovery |\n");
        md.append("|---:|---|---:|---:|---:|\n");
        for (Episode e : r.episodes()) {
            md.append("| ").append(e.index()).append(" | ").append(e.faultStartMillis()).append(" ms - ")
                    .append(e.faultEndMillis()).append(" ms | ").append(e.injections()).append(" | ")
                    .append(e.timeToDetect().map(DurationText::format).orElse("not detected")).append(" | ")
                    .append(e.recoveryTime().map(DurationText::format).orElse("not recovered")).append(" |\n");
        }
        md.append("\nMTTR: ").append(r.mttr().map(DurationText::format).orElse("n/a"))
                .append(", mean time to detect: ").append(r.timeToDetect().map(DurationText::format).orElse("n/a"))
                .append(", fallback answers: ").append(r.fallbackAnswers()).append("\n\n");
        if (!r.components().isEmpty()) {
            md.append("| component | observed |\n|---|---|\n");
            r.components().forEach((k, v) -> md.append("| ").append(k).append(" | ")
                    .append(statePaths.containsKey(k) ? "states " + String.join(" -> ", statePaths.get(k)) + "; "
                            : "")
                    .append(v.isEmpty() ? "no events" : v.toString()).append(" |\n"));
            md.append('\n');
        }
        md.append("## SLOs\n\n| metric | phase | target | measured | result |\n|---|---|---|---|---|\n");
        for (SloCheck c : r.sloChecks()) {
            md.append("| ").append(c.metric()).append(" | ").append(c.phase()).append(" | ").append(c.target())
                    .append(" | ").append(c.measured()).append(" | ").append(switch (c.status()) {
                        case PASSED -> "pass";
                        case FAILED -> "**FAIL**";
                        case NOT_MEASURED -> "n/a";
                    }).append(" |\n");
        }
        md.append("\n## Recommendations\n\n");
        recommendations.forEach(x -> md.append("- ").append(x).append('\n'));
        return md.toString();
    }

    /** How the experiment shared the JVM, in words. */
    static String scopeNote(ExperimentResult r) {
        return r.exclusive() ? "ran alone (a fault acted on the whole process)"
                : "faults scoped to it (may run alongside other scoped experiments)";
    }

    private static String ms(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
    }
}
