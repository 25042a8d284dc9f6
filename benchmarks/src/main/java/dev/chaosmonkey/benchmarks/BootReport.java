package dev.chaosmonkey.benchmarks;

import static dev.chaosmonkey.benchmarks.SuiteReport.fmt;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/** The Markdown tables of the Spring Boot parts ({@code boot}, {@code cds}, {@code arm}). */
final class BootReport {
    private BootReport() {
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    /** {@code median (min-max)} of pairwise ratios, or an em dash for the baseline. */
    static String ratioRange(double[] ratios) {
        if (ratios.length == 0) {
            return "—";
        }
        return "**" + fmt(median(ratios), 2) + "** (" + fmt(min(ratios), 2) + "-" + fmt(max(ratios), 2) + ")";
    }

    static void boot(StringBuilder md, List<BootStartup.Result> results) {
        md.append("### Spring Boot start-up: `java -jar boot-app.jar` to the `Started ... in` line (ms)\n\n");
        md.append("| JVM | median | min | max | first page, median | Boot's \"process running for\", median | runs "
                + "| pairwise ratio to no agent: median (min-max) | sharing warning |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        if (results.isEmpty()) {
            md.append("| not measured | | | | | | | | |\n\n");
            return;
        }
        Map<String, Set<String>> warnings = new LinkedHashMap<>();
        for (BootStartup.Result r : results) {
            double[] started = r.startedMillis();
            md.append("| ").append(r.variant()).append(" | ").append(fmt(median(started), 0)).append(" | ")
                    .append(fmt(min(started), 0)).append(" | ").append(fmt(max(started), 0)).append(" | ")
                    .append(fmt(median(r.firstPageMillis()), 0)).append(" | ")
                    .append(fmt(median(r.processMillis()), 0)).append(" | ").append(started.length).append(" | ")
                    .append(ratioRange(r.pairRatios())).append(" | ").append(r.sharingWarning() ? "yes" : "no")
                    .append(" |\n");
            if (!r.warnings().isEmpty()) {
                warnings.put(r.variant(), r.warnings());
            }
        }
        md.append('\n');
        warnings(md, warnings);
    }

    static void cds(StringBuilder md, List<CdsStartup.Result> results) {
        md.append("### Spring Boot start-up from a CDS archive / AOT cache (extracted jar)\n\n");
        md.append("| JVM | classes loaded | from the archive | hit rate | started, median (ms) | first page, median "
                + "(ms) | pairwise ratio to no archive | pairwise ratio to the same archive without agent "
                + "| sharing warning |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        if (results.isEmpty()) {
            md.append("| not measured | | | | | | | | |\n\n");
            return;
        }
        Map<String, CdsStartup.Result> byName = new LinkedHashMap<>();
        results.forEach(r -> byName.put(r.variant(), r));
        CdsStartup.Result noArchive = byName.get(CdsStartup.NO_ARCHIVE);
        Map<String, Set<String>> warnings = new LinkedHashMap<>();
        for (CdsStartup.Result r : results) {
            double[] total = r.classLoads().stream().mapToDouble(BootLog.ClassLoads::total).toArray();
            double[] shared = r.classLoads().stream().mapToDouble(BootLog.ClassLoads::shared).toArray();
            double[] rate = r.classLoads().stream().mapToDouble(BootLog.ClassLoads::hitRate).toArray();
            double[] started = values(r.timings(), BootLaunch.Timing::startedMillis);
            md.append("| ").append(r.variant()).append(" | ").append(fmt(median(total), 0)).append(" | ")
                    .append(fmt(median(shared), 0)).append(" | ").append(fmt(median(rate) * 100, 1)).append("% | ")
                    .append(fmt(median(started), 0)).append(" | ")
                    .append(fmt(median(values(r.timings(), BootLaunch.Timing::firstPageMillis)), 0)).append(" | ")
                    .append(r == noArchive || noArchive == null ? "—" : ratioRange(pairs(r, noArchive)))
                    .append(" | ").append(r.archiveBaseline() == null || byName.get(r.archiveBaseline()) == null
                            ? "—" : ratioRange(pairs(r, byName.get(r.archiveBaseline()))))
                    .append(" | ").append(r.timings().stream().anyMatch(BootLaunch.Timing::sharingWarning)
                            ? "yes" : "no").append(" |\n");
            Set<String> distinct = new LinkedHashSet<>();
            r.timings().forEach(t -> t.warnings().forEach(w -> distinct.add(w.replaceFirst("^\\[[0-9.]+s\\]", ""))));
            if (!distinct.isEmpty()) {
                warnings.put(r.variant(), distinct);
            }
        }
        md.append('\n');
        warnings(md, warnings);
    }

    static void arm(StringBuilder md, List<ArmPause.Round> rounds) {
        md.append("### Arming rules in the running Spring Boot application (chaos agent, nothing armed before)\n\n");
        md.append("| step | rounds | `arm` over JMX, median (min-max) ms | longest gap of the querying thread during "
                + "`arm`, median (max) ms | longest gap in the 1.5 s after, median (max) ms |\n");
        md.append("|---|---:|---:|---:|---:|\n");
        if (rounds.isEmpty()) {
            md.append("| not measured | | | | |\n\n");
            return;
        }
        double[] quiet = rounds.stream().mapToDouble(r -> r.quiet().maxGapMillis()).toArray();
        md.append("| (quiet window of 1 s before) | ").append(rounds.size()).append(" | — | ")
                .append(fmt(median(quiet), 1)).append(" (").append(fmt(max(quiet), 1)).append(") | — |\n");
        for (int i = 0; i < rounds.get(0).steps().size(); i++) {
            int step = i;
            double[] arm = rounds.stream().mapToDouble(r -> r.steps().get(step).armMillis()).toArray();
            double[] during = rounds.stream().mapToDouble(r -> r.steps().get(step).during().maxGapMillis()).toArray();
            double[] after = rounds.stream().mapToDouble(r -> r.steps().get(step).after().maxGapMillis()).toArray();
            md.append("| ").append(rounds.get(0).steps().get(step).step()).append(" | ").append(rounds.size())
                    .append(" | ").append(fmt(median(arm), 0)).append(" (").append(fmt(min(arm), 0)).append("-")
                    .append(fmt(max(arm), 0)).append(") | ").append(fmt(median(during), 1)).append(" (")
                    .append(fmt(max(during), 1)).append(") | ").append(fmt(median(after), 1)).append(" (")
                    .append(fmt(max(after), 1)).append(") |\n");
        }
        long failures = rounds.stream().mapToLong(r -> r.quiet().failures()
                + r.steps().stream().mapToLong(s -> s.during().failures() + s.after().failures()).sum()).sum();
        long errors = rounds.stream().mapToLong(ArmPause.Round::internalErrors).sum();
        md.append("\nQueries that failed in the monitor: ").append(failures).append("; chaos internal errors: ")
                .append(errors).append(".\n\n");
    }

    private static double[] values(List<BootLaunch.Timing> timings, ToDoubleFunction<BootLaunch.Timing> f) {
        return timings.stream().mapToDouble(f).toArray();
    }

    /** Started time of {@code r} over that of {@code base}, round by round. */
    private static double[] pairs(CdsStartup.Result r, CdsStartup.Result base) {
        int n = Math.min(r.timings().size(), base.timings().size());
        double[] ratios = new double[n];
        for (int i = 0; i < n; i++) {
            ratios[i] = r.timings().get(i).startedMillis() / base.timings().get(i).startedMillis();
        }
        return ratios;
    }

    private static void warnings(StringBuilder md, Map<String, Set<String>> warnings) {
        if (warnings.isEmpty()) {
            md.append("No JVM or agent warning or error on the console of any run.\n\n");
            return;
        }
        md.append("JVM and agent warnings and errors on the console:\n\n");
        warnings.forEach((variant, lines) -> lines.forEach(line -> md.append("- ").append(variant).append(": `")
                .append(line.replace("`", "'")).append("`\n")));
        md.append('\n');
    }
}
