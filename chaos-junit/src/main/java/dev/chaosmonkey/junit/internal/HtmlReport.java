package dev.chaosmonkey.junit.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.chaosmonkey.experiment.SloCheck;
import dev.chaosmonkey.junit.Episode;
import dev.chaosmonkey.junit.ExperimentResult;
import dev.chaosmonkey.junit.PhaseStats;
import dev.chaosmonkey.junit.ProbeOutcome;
import dev.chaosmonkey.junit.ProbeSample;
import dev.chaosmonkey.junit.TimelineEvent;

/**
 * Renders a self-contained HTML report: summary, SLO table, a timeline chart as inline SVG (probe latency, failed
 * and degraded samples, fault windows shaded, circuit breaker openings and recoveries marked) and the event log. No
 * scripts, no external resources; the markup is well-formed XML (XHTML) so that it can be checked by a parser.
 */
public final class HtmlReport {
    private static final int W = 960;
    private static final int H = 340;
    private static final int LEFT = 64;
    private static final int RIGHT = 20;
    private static final int TOP = 28;
    private static final int PLOT_H = 220;
    private static final int STRIP_Y = TOP + PLOT_H + 14;

    private HtmlReport() {
    }

    /** The report page. */
    public static String render(ExperimentSettings s, ExperimentResult r, boolean testPassed,
            Map<String, List<String>> statePaths, List<String> recommendations) {
        StringBuilder h = new StringBuilder(16_384);
        boolean passed = r.sloMet() && testPassed;
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>Chaos experiment: ").append(esc(r.testName()))
                .append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1000px}")
                .append("h1{overflow-wrap:anywhere}")
                .append("table{border-collapse:collapse;margin:8px 0 16px}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;font-size:14px}")
                .append(".pass{color:#1a7f37;font-weight:bold}.fail{color:#cf222e;font-weight:bold}")
                .append(".na{color:#777}code{background:#f4f4f4;padding:1px 4px}")
                .append(".badge{display:inline-block;padding:4px 10px;border-radius:4px;color:#fff}")
                .append(".ok{background:#1a7f37}.bad{background:#cf222e}\n</style>\n</head>\n<body>\n");
        h.append("<h1>Chaos experiment: ").append(esc(r.testName())).append("</h1>\n");
        h.append("<p><span class=\"badge ").append(passed ? "ok" : "bad").append("\">")
                .append(passed ? "PASSED" : "FAILED").append("</span> ")
                .append(r.sloMet() ? "" : "SLO violated. ").append(testPassed ? "" : "Test assertions failed.")
                .append("</p>\n");
        h.append("<h2>Hypothesis</h2>\n<p>").append(esc(r.hypothesis().isEmpty() ? "(none stated)" : r.hypothesis()))
                .append("</p>\n");
        h.append("<h2>Method</h2>\n<ul>\n");
        h.append("<li>Environment: ").append(esc(r.environment() == null ? "(none)" : r.environment()))
                .append("</li>\n");
        h.append("<li>Scope: <code>").append(esc(r.scope())).append("</code>, ")
                .append(esc(ReportWriter.scopeNote(r))).append("</li>\n");
        h.append("<li>Probe: ").append(r.probe() == null ? "(none)" : "<code>" + esc(r.probe()) + "</code>")
                .append(" every ").append(esc(DurationText.format(s.sampleInterval()))).append(", baseline ")
                .append(esc(DurationText.format(s.baseline()))).append("</li>\n");
        for (Episode e : r.episodes()) {
            h.append("<li>Episode ").append(e.index()).append(": ");
            for (String f : e.faults()) {
                h.append("<code>").append(esc(f)).append("</code> ");
            }
            h.append("</li>\n");
        }
        h.append("</ul>\n");
        h.append("<h2>Timeline</h2>\n");
        chart(h, r);
        h.append("<h2>SLOs</h2>\n<table>\n<tr><th>metric</th><th>phase</th><th>target</th><th>measured</th>")
                .append("<th>result</th></tr>\n");
        for (SloCheck c : r.sloChecks()) {
            String cls = switch (c.status()) {
                case PASSED -> "pass";
                case FAILED -> "fail";
                case NOT_MEASURED -> "na";
            };
            h.append("<tr><td>").append(esc(c.metric())).append("</td><td>").append(esc(c.phase())).append("</td><td>")
                    .append(esc(c.target())).append("</td><td>").append(esc(c.measured()))
                    .append("</td><td class=\"").append(cls).append("\">")
                    .append(c.status() == SloCheck.Status.NOT_MEASURED ? "n/a" : c.status().name().toLowerCase(
                            Locale.ROOT)).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Observations</h2>\n<table>\n<tr><th>phase</th><th>samples</th><th>healthy</th>")
                .append("<th>degraded</th><th>failed</th><th>error rate</th><th>availability</th><th>p50</th>")
                .append("<th>p95</th><th>p99</th></tr>\n");
        for (PhaseStats p : List.of(r.baseline(), r.faultWindow(), r.recovery())) {
            h.append("<tr><td>").append(esc(p.phase())).append("</td><td>").append(p.samples()).append("</td><td>")
                    .append(p.healthy()).append("</td><td>").append(p.degraded()).append("</td><td>").append(p.failed())
                    .append("</td><td>").append(DurationText.percent(p.errorRate()))
                    .append("</td><td>").append(DurationText.percent(p.availability()))
                    .append("</td><td>").append(ms(p.p50())).append("</td><td>").append(ms(p.p95()))
                    .append("</td><td>").append(ms(p.p99())).append("</td></tr>\n");
        }
        h.append("</table>\n<p>MTTR: <strong>").append(esc(r.mttr().map(DurationText::format).orElse("n/a")))
                .append("</strong>, mean time to detect: ")
                .append(esc(r.timeToDetect().map(DurationText::format).orElse("n/a"))).append(", injections: ")
                .append(r.injections()).append(", fallback answers: ").append(r.fallbackAnswers()).append("</p>\n");
        if (!r.components().isEmpty()) {
            h.append("<table>\n<tr><th>component</th><th>states</th><th>counters</th></tr>\n");
            r.components().forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td>")
                    .append(esc(statePaths.containsKey(k) ? String.join(" \u2192 ", statePaths.get(k)) : ""))
                    .append("</td><td>").append(esc(v.toString())).append("</td></tr>\n"));
            h.append("</table>\n");
        }
        h.append("<h2>Recommendations</h2>\n<ul>\n");
        recommendations.forEach(x -> h.append("<li>").append(esc(x)).append("</li>\n"));
        h.append("</ul>\n<h2>Events</h2>\n<table>\n<tr><th>at</th><th>source</th><th>event</th></tr>\n");
        for (TimelineEvent e : r.timeline()) {
            h.append("<tr><td>").append(e.offsetMillis()).append(" ms</td><td>").append(esc(e.source()))
                    .append("</td><td>").append(esc(e.description())).append("</td></tr>\n");
        }
        h.append("</table>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void chart(StringBuilder h, ExperimentResult r) {
        List<ProbeSample> samples = r.samples();
        long tMax = 1;
        for (ProbeSample p : samples) {
            tMax = Math.max(tMax, p.offsetMillis() + 1);
        }
        for (Episode e : r.episodes()) {
            tMax = Math.max(tMax, Math.max(e.faultEndMillis(), e.recoveredAtMillis()) + 1);
        }
        double yMax = 1;
        for (ProbeSample p : samples) {
            yMax = Math.max(yMax, p.latencyMillis());
        }
        yMax = niceCeil(yMax * 1.1);
        int plotW = W - LEFT - RIGHT;
        final long tEnd = tMax;
        final double yTop = yMax;
        java.util.function.LongToDoubleFunction x = t -> LEFT + (double) t / tEnd * plotW;
        java.util.function.DoubleUnaryOperator y = v -> TOP + PLOT_H - v / yTop * PLOT_H;

        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" role=\"img\" aria-label=\"probe latency and outcomes over time\" font-size=\"11\"")
                .append(" font-family=\"sans-serif\">\n");
        h.append("<rect x=\"0\" y=\"0\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" fill=\"#ffffff\"/>\n");
        for (Episode e : r.episodes()) {
            double x0 = x.applyAsDouble(e.faultStartMillis());
            double x1 = x.applyAsDouble(e.faultEndMillis() < 0 ? tEnd : e.faultEndMillis());
            h.append("<rect class=\"fault-window\" x=\"").append(f(x0)).append("\" y=\"").append(TOP)
                    .append("\" width=\"").append(f(Math.max(1, x1 - x0))).append("\" height=\"").append(PLOT_H)
                    .append("\" fill=\"#f8c4c4\" fill-opacity=\"0.55\"/>\n");
            h.append("<text x=\"").append(f(x0 + 3)).append("\" y=\"").append(TOP + 12)
                    .append("\" fill=\"#a40e26\">fault episode ").append(e.index()).append("</text>\n");
        }
        // axes and grid
        for (int i = 0; i <= 4; i++) {
            double v = yMax * i / 4;
            double yy = y.applyAsDouble(v);
            h.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(f(yy)).append("\" x2=\"").append(W - RIGHT)
                    .append("\" y2=\"").append(f(yy)).append("\" stroke=\"#e5e5e5\"/>\n");
            h.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(f(yy + 4))
                    .append("\" text-anchor=\"end\">").append(String.format(Locale.ROOT, v == Math.rint(v) ? "%.0f ms" : "%.1f ms", v))
                    .append("</text>\n");
        }
        long step = niceStep(tEnd);
        for (long t = 0; t <= tEnd; t += step) {
            double xx = x.applyAsDouble(t);
            h.append("<line x1=\"").append(f(xx)).append("\" y1=\"").append(TOP + PLOT_H).append("\" x2=\"")
                    .append(f(xx)).append("\" y2=\"").append(TOP + PLOT_H + 4).append("\" stroke=\"#555\"/>\n");
            h.append("<text x=\"").append(f(xx)).append("\" y=\"").append(STRIP_Y + 34)
                    .append("\" text-anchor=\"middle\">").append(String.format(Locale.ROOT, "%.1f s", t / 1000.0))
                    .append("</text>\n");
        }
        h.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP + PLOT_H).append("\" x2=\"")
                .append(W - RIGHT).append("\" y2=\"").append(TOP + PLOT_H).append("\" stroke=\"#555\"/>\n");
        h.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
                .append("\" y2=\"").append(TOP + PLOT_H).append("\" stroke=\"#555\"/>\n");
        // latency line
        if (!samples.isEmpty()) {
            h.append("<polyline class=\"latency\" fill=\"none\" stroke=\"#0969da\" stroke-width=\"1.5\" points=\"");
            for (ProbeSample p : samples) {
                h.append(f(x.applyAsDouble(p.offsetMillis()))).append(',').append(f(y.applyAsDouble(p.latencyMillis())))
                        .append(' ');
            }
            h.append("\"/>\n");
        }
        // outcome strip and markers
        double w = Math.max(1.5, (double) plotW / Math.max(1, samples.size()));
        for (ProbeSample p : samples) {
            String color = p.outcome() == ProbeOutcome.HEALTHY ? "#2da44e"
                    : p.outcome() == ProbeOutcome.DEGRADED ? "#d4a72c" : "#cf222e";
            double xx = x.applyAsDouble(p.offsetMillis());
            h.append("<rect x=\"").append(f(xx)).append("\" y=\"").append(STRIP_Y).append("\" width=\"")
                    .append(f(Math.max(0.5, Math.min(w, W - RIGHT - xx))))
                    .append("\" height=\"12\" fill=\"").append(color).append("\"/>\n");
            if (p.outcome() != ProbeOutcome.HEALTHY) {
                h.append("<circle class=\"").append(p.outcome().name().toLowerCase(Locale.ROOT)).append("\" cx=\"")
                        .append(f(xx)).append("\" cy=\"").append(f(y.applyAsDouble(p.latencyMillis())))
                        .append("\" r=\"2.5\" fill=\"").append(color).append("\"/>\n");
            }
        }
        h.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(STRIP_Y + 10)
                .append("\" text-anchor=\"end\">outcome</text>\n");
        // breaker openings
        for (TimelineEvent e : r.timeline()) {
            if (e.source().startsWith("circuitbreaker:") && e.description().matches("state \\S+ -> (FORCED_)?OPEN")) {
                double xx = x.applyAsDouble(e.offsetMillis());
                h.append("<line class=\"breaker-open\" x1=\"").append(f(xx)).append("\" y1=\"").append(TOP)
                        .append("\" x2=\"").append(f(xx)).append("\" y2=\"").append(TOP + PLOT_H)
                        .append("\" stroke=\"#8250df\" stroke-dasharray=\"4 3\"/>\n");
                h.append("<text x=\"").append(f(xx + 3)).append("\" y=\"").append(TOP + 26)
                        .append("\" fill=\"#8250df\">").append(esc(e.source().substring(15))).append(" OPEN</text>\n");
            }
        }
        // recovery markers
        for (Episode e : r.episodes()) {
            if (e.recoveredAtMillis() >= 0 && e.faultEndMillis() >= 0) {
                double x0 = x.applyAsDouble(e.faultEndMillis());
                double x1 = x.applyAsDouble(e.recoveredAtMillis());
                double yy = TOP + PLOT_H - 14;
                h.append("<line class=\"recovery\" x1=\"").append(f(x1)).append("\" y1=\"").append(TOP)
                        .append("\" x2=\"").append(f(x1)).append("\" y2=\"").append(TOP + PLOT_H)
                        .append("\" stroke=\"#1a7f37\" stroke-width=\"2\"/>\n");
                h.append("<line x1=\"").append(f(x0)).append("\" y1=\"").append(f(yy)).append("\" x2=\"").append(f(x1))
                        .append("\" y2=\"").append(f(yy)).append("\" stroke=\"#1a7f37\" stroke-width=\"2\"/>\n");
                boolean nearRight = x1 > W - RIGHT - 130;
                h.append("<text x=\"").append(f(nearRight ? x1 - 3 : x1 + 3)).append("\" y=\"").append(f(yy - 4))
                        .append(nearRight ? "\" text-anchor=\"end" : "")
                        .append("\" fill=\"#1a7f37\">recovered +")
                        .append(esc(e.recoveryTime().map(DurationText::format).orElse("?"))).append("</text>\n");
            }
        }
        h.append("<text class=\"mttr\" x=\"").append(W - RIGHT).append("\" y=\"16\" text-anchor=\"end\"")
                .append(" font-size=\"13\" font-weight=\"bold\">MTTR ")
                .append(esc(r.mttr().map(DurationText::format).orElse("n/a"))).append("</text>\n");
        h.append("<text x=\"").append(LEFT).append("\" y=\"16\" font-size=\"12\">probe latency (blue), failed (red),")
                .append(" degraded/fallback (amber), fault window (shaded)</text>\n");
        h.append("</svg>\n");
    }

    private static double niceCeil(double v) {
        double mag = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * mag >= v) {
                return m * mag;
            }
        }
        return 10 * mag;
    }

    private static long niceStep(long tMax) {
        for (long s : new long[] {100, 200, 250, 500, 1000, 2000, 5000, 10_000, 30_000, 60_000}) {
            if (tMax / s <= 12) {
                return s;
            }
        }
        return 300_000;
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String ms(Duration d) {
        return String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
    }

    /** Escapes text for XML content and attributes. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return sb.toString();
    }
}
