package dev.chaosmonkey.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.chaosmonkey.experiment.internal.Json;

/** Renders a {@link Journal} as JSON (the journal itself), Markdown and HTML, and writes the three files. */
public final class JournalReports {
    private JournalReports() {
    }

    /** The journal as JSON. */
    public static String json(Journal j) {
        return Json.write(j.toMap());
    }

    /** A file-name-safe form of the experiment's name. */
    public static String fileName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "experiment" : s.length() > 100 ? s.substring(0, 100) : s;
    }

    /** Writes {@code <name>.journal.json}, {@code <name>.md} and {@code <name>.html} into {@code dir}. */
    public static List<Path> write(Journal j, Path dir) throws IOException {
        Files.createDirectories(dir);
        String base = fileName(j.name());
        List<Path> out = new ArrayList<>();
        out.add(Files.writeString(dir.resolve(base + ".journal.json"), json(j), StandardCharsets.UTF_8));
        out.add(Files.writeString(dir.resolve(base + ".md"), markdown(j), StandardCharsets.UTF_8));
        out.add(Files.writeString(dir.resolve(base + ".html"), html(j), StandardCharsets.UTF_8));
        return out;
    }

    /** The Markdown report. */
    public static String markdown(Journal j) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Chaos experiment: ").append(j.name()).append("\n\n");
        if (!j.hypothesis().isBlank()) {
            sb.append("**Hypothesis:** ").append(j.hypothesis()).append("\n\n");
        }
        sb.append("**Status:** ").append(j.status().name().toLowerCase(Locale.ROOT)).append(" - ")
                .append(j.verdict()).append("\n\n");
        sb.append("Started ").append(j.start()).append(", ended ").append(j.end()).append(" (")
                .append(Durations.format(Duration.between(j.start(), j.end()))).append(")");
        if (j.environment() != null) {
            sb.append(", environment ").append(j.environment());
        }
        if (j.dryRun()) {
            sb.append(", **dry run**");
        }
        sb.append(". Probe success ").append(Durations.percent(j.probeSuccess())).append(".\n\n");
        if (j.abort() != null) {
            sb.append("**Aborted** at ").append(j.abort().atMillis()).append(" ms: ").append(j.abort().condition())
                    .append(", measured ").append(j.abort().measured()).append("; every rule disarmed at ")
                    .append(j.abort().disarmedAtMillis()).append(" ms.\n\n");
        }
        sb.append("## Steady state\n\n| phase | samples | healthy | degraded | failed | error rate | p50 | p95 | p99 |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (PhaseStats p : List.of(j.before(), j.during(), j.after())) {
            sb.append("| ").append(p.phase()).append(" | ").append(p.samples()).append(" | ").append(p.healthy())
                    .append(" | ").append(p.degraded()).append(" | ").append(p.failed()).append(" | ")
                    .append(Durations.percent(p.errorRate())).append(" | ").append(Durations.format(p.p50()))
                    .append(" | ").append(Durations.format(p.p95())).append(" | ")
                    .append(Durations.format(p.p99())).append(" |\n");
        }
        sb.append("\n## Episodes\n\n| # | start | end | injections | time to detect | recovery |\n"
                + "|---|---|---|---|---|---|\n");
        for (EpisodeResult e : j.episodes()) {
            sb.append("| ").append(e.index()).append(" | ").append(e.faultStartMillis()).append(" ms | ")
                    .append(e.faultEndMillis()).append(" ms | ").append(e.injections()).append(" | ")
                    .append(e.timeToDetect().map(Durations::format).orElse("not detected")).append(" | ")
                    .append(e.recoveryTime().map(Durations::format).orElse("not recovered")).append(" |\n");
        }
        sb.append("\nMTTR: ").append(j.mttr() == null ? "n/a" : Durations.format(j.mttr()))
                .append(", mean time to detect: ")
                .append(j.timeToDetect() == null ? "n/a" : Durations.format(j.timeToDetect())).append("\n\n");
        sb.append("## Faults\n\n| target | spec | matched | ").append(j.dryRun() ? "would fire" : "injected")
                .append(" |\n|---|---|---|---|\n");
        for (Journal.FaultCount f : j.faults()) {
            sb.append("| ").append(f.target()).append(" | `").append(f.spec().replace("|", "\\|")).append("` | ")
                    .append(f.matched()).append(" | ").append(f.injected()).append(" |\n");
        }
        if (j.targets().size() > 1) {
            sb.append("\n## Targets\n\n| target | faults | rules | matched | injected | probes (fault window) |\n"
                    + "|---|---|---|---|---|---|\n");
            for (Journal.TargetResult t : j.targets()) {
                sb.append("| ").append(t.name()).append(" | ").append(t.selected() ? "yes" : "no").append(" | ")
                        .append(t.rulesArmed()).append(" | ").append(t.matched()).append(" | ").append(t.injected())
                        .append(" | ").append(probeSummary(t.probes())).append(" |\n");
            }
        }
        sb.append("\n## SLO checks\n\n| metric | phase | target | measured | status |\n|---|---|---|---|---|\n");
        for (SloCheck c : j.sloChecks()) {
            sb.append("| ").append(c.metric()).append(" | ").append(c.phase()).append(" | ").append(c.target())
                    .append(" | ").append(c.measured()).append(" | ").append(c.status()).append(" |\n");
        }
        sb.append("\n## Recommendations\n\n");
        for (String r : j.recommendations()) {
            sb.append("- ").append(r).append('\n');
        }
        sb.append("\n## Timeline\n\n");
        for (TimelineEvent e : j.timeline()) {
            sb.append("- ").append(e.offsetMillis()).append(" ms [").append(e.source()).append("] ")
                    .append(e.description()).append('\n');
        }
        return sb.toString();
    }

    private static String probeSummary(Map<String, PhaseStats> probes) {
        List<String> parts = new ArrayList<>();
        probes.forEach((k, v) -> parts.add(k + ": " + v.samples() + " samples, " + Durations.percent(v.errorRate())
                + " errors"));
        return parts.isEmpty() ? "-" : String.join("; ", parts);
    }

    /** The HTML report: the same content as the Markdown, self-contained. */
    public static String html(Journal j) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Chaos experiment: ")
                .append(esc(j.name())).append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:72em}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;"
                        + "text-align:left}.FAILED,.aborted,.failed,.interrupted{color:#b00}.PASSED,.completed"
                        + "{color:#070}</style></head><body>\n");
        String status = j.status().name().toLowerCase(Locale.ROOT);
        sb.append("<h1>Chaos experiment: ").append(esc(j.name())).append("</h1>\n");
        if (!j.hypothesis().isBlank()) {
            sb.append("<p><b>Hypothesis:</b> ").append(esc(j.hypothesis())).append("</p>\n");
        }
        sb.append("<p><b>Status:</b> <span class=\"").append(status).append("\">").append(status)
                .append("</span> - ").append(esc(j.verdict())).append("</p>\n");
        sb.append("<p>Probe success ").append(Durations.percent(j.probeSuccess())).append(", MTTR ")
                .append(j.mttr() == null ? "n/a" : Durations.format(j.mttr())).append(", time to detect ")
                .append(j.timeToDetect() == null ? "n/a" : Durations.format(j.timeToDetect()))
                .append(j.dryRun() ? ", <b>dry run</b>" : "").append("</p>\n");
        if (j.abort() != null) {
            sb.append("<p class=\"aborted\"><b>Aborted</b> at ").append(j.abort().atMillis()).append(" ms: ")
                    .append(esc(j.abort().condition())).append(", measured ").append(esc(j.abort().measured()))
                    .append("</p>\n");
        }
        sb.append("<h2>Steady state</h2><table><tr><th>phase</th><th>samples</th><th>healthy</th><th>degraded</th>"
                + "<th>failed</th><th>error rate</th><th>p95</th></tr>\n");
        for (PhaseStats p : List.of(j.before(), j.during(), j.after())) {
            sb.append("<tr><td>").append(esc(p.phase())).append("</td><td>").append(p.samples()).append("</td><td>")
                    .append(p.healthy()).append("</td><td>").append(p.degraded()).append("</td><td>")
                    .append(p.failed()).append("</td><td>").append(Durations.percent(p.errorRate()))
                    .append("</td><td>").append(Durations.format(p.p95())).append("</td></tr>\n");
        }
        sb.append("</table><h2>Faults</h2><table><tr><th>target</th><th>spec</th><th>matched</th><th>")
                .append(j.dryRun() ? "would fire" : "injected").append("</th></tr>\n");
        for (Journal.FaultCount f : j.faults()) {
            sb.append("<tr><td>").append(esc(f.target())).append("</td><td><code>").append(esc(f.spec()))
                    .append("</code></td><td>").append(f.matched()).append("</td><td>").append(f.injected())
                    .append("</td></tr>\n");
        }
        sb.append("</table>");
        if (j.targets().size() > 1) {
            sb.append("<h2>Targets</h2><table><tr><th>target</th><th>faults</th><th>matched</th><th>injected</th>"
                    + "<th>probes (fault window)</th></tr>\n");
            for (Journal.TargetResult t : j.targets()) {
                sb.append("<tr><td>").append(esc(t.name())).append("</td><td>").append(t.selected() ? "yes" : "no")
                        .append("</td><td>").append(t.matched()).append("</td><td>").append(t.injected())
                        .append("</td><td>").append(esc(probeSummary(t.probes()))).append("</td></tr>\n");
            }
            sb.append("</table>");
        }
        sb.append("<h2>SLO checks</h2><table><tr><th>metric</th><th>phase</th><th>target</th><th>measured</th>"
                + "<th>status</th></tr>\n");
        for (SloCheck c : j.sloChecks()) {
            sb.append("<tr><td>").append(esc(c.metric())).append("</td><td>").append(esc(c.phase()))
                    .append("</td><td>").append(esc(c.target())).append("</td><td>").append(esc(c.measured()))
                    .append("</td><td class=\"").append(c.status()).append("\">").append(c.status())
                    .append("</td></tr>\n");
        }
        sb.append("</table><h2>Recommendations</h2><ul>");
        for (String r : j.recommendations()) {
            sb.append("<li>").append(esc(r)).append("</li>");
        }
        sb.append("</ul><h2>Timeline</h2><ul>");
        for (TimelineEvent e : j.timeline()) {
            sb.append("<li>").append(e.offsetMillis()).append(" ms [").append(esc(e.source())).append("] ")
                    .append(esc(e.description())).append("</li>\n");
        }
        sb.append("</ul></body></html>\n");
        return sb.toString();
    }

    private static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
