package dev.chaosmonkey.benchmarks;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Collects the suite's results and renders them as the Markdown tables of {@code BENCHMARKS.md}. */
final class SuiteReport {
    final List<Measurement> rows = new ArrayList<>();
    final List<StartupMeasurement.Result> startup = new ArrayList<>();
    final List<DelayAccuracy.Result> delays = new ArrayList<>();
    final List<DelayAccuracy.DistributionResult> distributions = new ArrayList<>();
    final List<ReleaseLatency.Result> releases = new ArrayList<>();
    final List<BootStartup.Result> boot = new ArrayList<>();
    final List<CdsStartup.Result> cds = new ArrayList<>();
    final List<ArmPause.Round> arm = new ArrayList<>();
    final List<String> notMeasured = new ArrayList<>();
    String loadBefore = "unknown";
    String loadAfter = "unknown";
    private final SuiteSettings settings;

    SuiteReport(SuiteSettings settings) {
        this.settings = settings;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("Run ").append(OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                .substring(0, 16)).append(" UTC. ").append(Environment.describe()).append(".\n");
        boolean jmh = settings.runs("core") || settings.runs("woven") || settings.runs("clients") || settings.runs("spring")
                || settings.runs("contention");
        md.append(jmh ? "JMH " + settings.jmhDescription() + "; load" : "Load")
                .append(" average (1/5/15 min) before ").append(loadBefore).append(", after ").append(loadAfter)
                .append(".\n\n");
        // only the tables of the parts that ran (a --parts=boot run prints no empty JMH tables)
        if (settings.runs("woven")) {
            woven(md);
        }
        if (settings.runs("woven") || settings.runs("spring")) {
            peers(md);
        }
        if (settings.runs("core")) {
            core(md);
        }
        if (settings.runs("contention")) {
            contention(md);
        }
        if (settings.runs("startup")) {
            startup(md);
        }
        if (settings.runs("delay")) {
            delays(md);
            distributions(md);
        }
        if (settings.runs("release")) {
            releases(md);
        }
        if (settings.runs("boot")) {
            BootReport.boot(md, boot);
        }
        if (settings.runs("cds")) {
            BootReport.cds(md, cds);
        }
        if (settings.runs("arm")) {
            BootReport.arm(md, arm);
        }
        if (!notMeasured.isEmpty()) {
            md.append("### Not measured\n\n");
            notMeasured.forEach(reason -> md.append("- ").append(reason).append('\n'));
            md.append('\n');
        }
        return md.toString();
    }

    private void woven(StringBuilder md) {
        md.append("### Woven calls (ns/op, lower is better)\n\n");
        md.append("| call | fork | ns/op ± 99.9% | Δ vs no agent (ns) | ratio | alloc B/op | Δ alloc |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (String call : List.of("h2ExecuteQuery", "trivialMethod")) {
            Optional<Measurement> base = find("no agent", call, "NO_AGENT");
            addWovenRow(md, call, "no agent", base, base);
            for (Scenario s : Scenario.values()) {
                addWovenRow(md, call, "chaos agent: " + s.label(), find("chaos agent", call, s.name()), base);
            }
            addWovenRow(md, call, "Byteman: rule loaded, IF false", find("byteman", call, "BYTEMAN_IF_FALSE"), base);
        }
        md.append('\n');
    }

    private void addWovenRow(StringBuilder md, String call, String fork, Optional<Measurement> m,
            Optional<Measurement> base) {
        if (m.isEmpty()) {
            md.append("| ").append(call).append(" | ").append(fork).append(" | not measured | | | | |\n");
            return;
        }
        Measurement r = m.get();
        md.append("| ").append(call).append(" | ").append(fork).append(" | ").append(scoreWithError(r)).append(" | ");
        if (base.isPresent() && base.get() != r) {
            Measurement b = base.get();
            double delta = r.score() - b.score();
            double noise = combinedError(r, b);
            md.append(fmt(delta, 1)).append(Double.isNaN(noise) ? "" : Math.abs(delta) <= noise
                    ? " (within ±" + fmt(noise, 1) + " noise)" : " (noise ±" + fmt(noise, 1) + ")")
                    .append(" | ").append(fmt(r.score() / b.score(), 3)).append(" | ")
                    .append(fmt(r.allocBytesPerOp(), 1)).append(" | ")
                    .append(fmt(r.allocBytesPerOp() - b.allocBytesPerOp(), 1)).append(" |\n");
        } else {
            md.append("— | 1 | ").append(fmt(r.allocBytesPerOp(), 1)).append(" | — |\n");
        }
    }

    private void peers(StringBuilder md) {
        md.append("### Peers: cost of a tool that is installed but not firing, as a ratio to no tool\n\n");
        md.append("| call | chaos agent disarmed | chaos agent p=0 | Byteman IF false | "
                + "Chaos Monkey for Spring Boot, service watcher, no assault | chaos-spring, enabled, nothing armed |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        for (String call : List.of("h2ExecuteQuery", "trivialMethod")) {
            Optional<Measurement> base = find("no agent", call, "NO_AGENT");
            md.append("| ").append(call).append(" | ")
                    .append(ratio(find("chaos agent", call, "DISARMED"), base)).append(" | ")
                    .append(ratio(find("chaos agent", call, "P_ZERO"), base)).append(" | ")
                    .append(ratio(find("byteman", call, "BYTEMAN_IF_FALSE"), base)).append(" | ")
                    .append(ratio(find("spring", call, "watching"), find("spring", call, "off"))).append(" | ")
                    .append(ratio(find("spring", call, "starter"), find("spring", call, "off"))).append(" |\n");
        }
        md.append("\nSpring rows are measured through a Spring `@Service` (its own baseline: the same application "
                + "without Chaos Monkey for Spring Boot or chaos-spring; with chaos-spring the H2 connection comes "
                + "from its wrapped DataSource bean and the service is proxied for method rules):\n\n");
        md.append("| call | Spring, no tool (ns/op) | Chaos Monkey watching (ns/op) | chaos-spring (ns/op) | "
                + "added ns/op: CMSB / chaos-spring | alloc B/op off → CMSB → chaos-spring |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        for (String call : List.of("h2ExecuteQuery", "trivialMethod")) {
            Optional<Measurement> off = find("spring", call, "off");
            Optional<Measurement> on = find("spring", call, "watching");
            Optional<Measurement> starter = find("spring", call, "starter");
            md.append("| ").append(call).append(" | ").append(off.map(SuiteReport::scoreWithError).orElse("not measured"))
                    .append(" | ").append(on.map(SuiteReport::scoreWithError).orElse("not measured")).append(" | ")
                    .append(starter.map(SuiteReport::scoreWithError).orElse("not measured")).append(" | ")
                    .append(added(on, off)).append(" / ").append(added(starter, off)).append(" | ")
                    .append(off.map(m -> fmt(m.allocBytesPerOp(), 1)).orElse("?")).append(" → ")
                    .append(on.map(m -> fmt(m.allocBytesPerOp(), 1)).orElse("?")).append(" → ")
                    .append(starter.map(m -> fmt(m.allocBytesPerOp(), 1)).orElse("?")).append(" |\n");
        }
        md.append('\n');
    }

    private static String added(Optional<Measurement> m, Optional<Measurement> base) {
        if (m.isEmpty() || base.isEmpty()) {
            return "?";
        }
        double delta = m.get().score() - base.get().score();
        double noise = combinedError(m.get(), base.get());
        return fmt(delta, 1) + (Double.isNaN(noise) ? "" : " (±" + fmt(noise, 1) + ")");
    }

    private void core(StringBuilder md) {
        md.append("### Decision cost in chaos-core, no agent (ns/op)\n\n");
        md.append("| scenario | decideJdbc ± 99.9% | alloc B/op | decideMethod ± 99.9% | alloc B/op |\n");
        md.append("|---|---:|---:|---:|---:|\n");
        for (Scenario s : Scenario.values()) {
            Optional<Measurement> jdbc = find("core", "decideJdbc", s.name());
            Optional<Measurement> method = find("core", "decideMethod", s.name());
            md.append("| ").append(s.label()).append(" | ")
                    .append(jdbc.map(SuiteReport::scoreWithError).orElse("not measured")).append(" | ")
                    .append(jdbc.map(m -> fmt(m.allocBytesPerOp(), 1)).orElse("")).append(" | ")
                    .append(method.map(SuiteReport::scoreWithError).orElse("not measured")).append(" | ")
                    .append(method.map(m -> fmt(m.allocBytesPerOp(), 1)).orElse("")).append(" |\n");
        }
        md.append('\n');
        md.append("### Scoped rules in chaos-core, no agent (ns/op)\n\n");
        md.append("| case | decideJdbc ± 99.9% | alloc B/op |\n|---|---:|---:|\n");
        for (ScopedDecisionBenchmark.ScopeCase c : ScopedDecisionBenchmark.ScopeCase.values()) {
            Optional<Measurement> jdbc = find("core-scope", "decideJdbc", c.name());
            md.append("| ").append(c.label()).append(" | ")
                    .append(jdbc.map(SuiteReport::scoreWithError).orElse("not measured")).append(" | ")
                    .append(jdbc.map(m -> fmt(m.allocBytesPerOp(), 1)).orElse("")).append(" |\n");
        }
        md.append('\n');
    }

    private void contention(StringBuilder md) {
        md.append("### Throughput on one armed rule (p=0.5), shared instance (ops/µs, higher is better)\n\n");
        md.append("| 1 thread | 2 threads (total) | 2 threads / 1 thread |\n|---:|---:|---:|\n");
        Optional<Measurement> one = rows.stream().filter(r -> r.variant().equals("contention") && r.threads() == 1)
                .findFirst();
        Optional<Measurement> two = rows.stream().filter(r -> r.variant().equals("contention") && r.threads() == 2)
                .findFirst();
        md.append("| ").append(one.map(SuiteReport::scoreWithError).orElse("not measured")).append(" | ")
                .append(two.map(SuiteReport::scoreWithError).orElse("not measured")).append(" | ")
                .append(ratio(two, one)).append(" |\n\n");
    }

    private void startup(StringBuilder md) {
        md.append("### Startup: JVM launch to end of first JDBC query + HTTP call (ms)\n\n");
        md.append("| JVM | median | min | max | runs | median / no agent |\n|---|---:|---:|---:|---:|---:|\n");
        double base = startup.stream().filter(r -> r.variant().equals(BenchmarkSuite.NO_AGENT))
                .mapToDouble(StartupMeasurement.Result::medianMillis).findFirst().orElse(Double.NaN);
        for (StartupMeasurement.Result r : startup) {
            md.append("| ").append(r.variant()).append(" | ").append(fmt(r.medianMillis(), 0)).append(" | ")
                    .append(fmt(r.minMillis(), 0)).append(" | ").append(fmt(r.maxMillis(), 0)).append(" | ")
                    .append(r.runs()).append(" | ").append(fmt(r.medianMillis() / base, 2)).append(" |\n");
        }
        if (startup.isEmpty()) {
            md.append("| not measured | | | | | |\n");
        }
        md.append('\n');
    }

    private void delays(StringBuilder md) {
        md.append("### Delay accuracy: observed − requested (ms), `delay(N ms)` vs plain `Thread.sleep(N)`\n\n");
        md.append("| requested | samples | chaos p50 | chaos p99 | chaos max | Thread.sleep p50 | Thread.sleep p99 |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        for (DelayAccuracy.Result r : delays) {
            md.append("| ").append(r.requestedMillis()).append(" ms | ").append(r.samples()).append(" | ")
                    .append(fmt(r.p50ErrorMillis(), 3)).append(" | ").append(fmt(r.p99ErrorMillis(), 3)).append(" | ")
                    .append(fmt(r.maxErrorMillis(), 3)).append(" | ").append(fmt(r.sleepP50ErrorMillis(), 3))
                    .append(" | ").append(fmt(r.sleepP99ErrorMillis(), 3)).append(" |\n");
        }
        if (delays.isEmpty()) {
            md.append("| not measured | | | | | | |\n");
        }
        md.append('\n');
    }

    private void distributions(StringBuilder md) {
        md.append("### Delay distributions: requested vs observed percentiles (ms), through `ChaosMonkey.check`\n\n");
        md.append("Each cell: requested / drawn (200,000 draws of the distribution, no sleeping) / observed (held calls,"
                + " including the scheduler's lateness).\n\n");
        md.append("| fault | held calls | p50 | p90 | p99 |\n");
        md.append("|---|---:|---:|---:|---:|\n");
        for (DelayAccuracy.DistributionResult r : distributions) {
            md.append("| `").append(r.fault().replace("|", "\\|")).append("` | ").append(r.samples());
            for (int i = 0; i < r.percents().length; i++) {
                double req = r.requestedMillis()[i];
                md.append(" | ").append(Double.isNaN(req) ? "-" : fmt(req, 1)).append(" / ")
                        .append(fmt(r.drawnMillis()[i], 2)).append(" / ").append(fmt(r.observedMillis()[i], 2));
            }
            md.append(" |\n");
        }
        if (distributions.isEmpty()) {
            md.append("| not measured | | | | |\n");
        }
        md.append('\n');
    }

    private void releases(StringBuilder md) {
        md.append("### Release latency: kill switch to held call returning (ms), 8 threads held per round\n\n");
        md.append("| trigger | fault | rounds | p50 | p99 | max | threads still held |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (ReleaseLatency.Result r : releases) {
            md.append("| `").append(r.trigger()).append("` | `").append(r.fault()).append("` | ").append(r.rounds())
                    .append(" | ").append(fmt(r.p50Millis(), 3)).append(" | ").append(fmt(r.p99Millis(), 3))
                    .append(" | ").append(fmt(r.maxMillis(), 3)).append(" | ").append(r.stillHeld()).append(" |\n");
        }
        if (releases.isEmpty()) {
            md.append("| not measured | | | | | | |\n");
        }
        md.append('\n');
    }

    private Optional<Measurement> find(String variant, String benchmark, String scenario) {
        return rows.stream().filter(r -> r.variant().equals(variant) && r.benchmark().equals(benchmark)
                && r.scenario().equals(scenario)).findFirst();
    }

    private static String ratio(Optional<Measurement> m, Optional<Measurement> base) {
        if (m.isEmpty() || base.isEmpty()) {
            return "not measured";
        }
        return fmt(m.get().score() / base.get().score(), 3);
    }

    private static double combinedError(Measurement a, Measurement b) {
        return Math.sqrt(a.error() * a.error() + b.error() * b.error());
    }

    private static String scoreWithError(Measurement m) {
        int digits = m.score() >= 100 ? 1 : m.score() >= 10 ? 2 : 3;
        return fmt(m.score(), digits) + (Double.isNaN(m.error()) ? "" : " ± " + fmt(m.error(), digits));
    }

    static String fmt(double value, int digits) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%." + digits + "f", value);
    }
}
