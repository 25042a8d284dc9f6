package dev.chaosmonkey.benchmarks;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code clients} part: {@link ClientCallBenchmark} and {@link DnsLookupBenchmark} without the agent and under it (disarmed, non-matching
 * rule), written to {@code clients.md} next to {@code results.md} (and to the rows of the TSV), with the load average
 * before and after, since these calls take tens of microseconds and a loaded machine's noise dwarfs nanoseconds.
 */
final class ClientCallsPart {
    private ClientCallsPart() {
    }

    static void run(SuiteSettings settings, JmhRuns jmh, SuiteReport report) throws Exception {
        String before = Environment.loadAverage();
        List<Measurement> rows = new ArrayList<>();
        for (Class<?> benchmark : new Class<?>[] {ClientCallBenchmark.class, DnsLookupBenchmark.class}) {
            rows.addAll(jmh.run("clients, no agent", benchmark, Map.of("scenario", "NO_AGENT"), List.of(), 1));
        }
        if (settings.agentJar != null) {
            for (Class<?> benchmark : new Class<?>[] {ClientCallBenchmark.class, DnsLookupBenchmark.class}) {
                for (String scenario : new String[] {"DISARMED", "NON_MATCHING"}) {
                    rows.addAll(jmh.run("clients, chaos agent", benchmark, Map.of("scenario", scenario),
                            List.of("-javaagent:" + settings.agentJar + "=enabled=true"), 1));
                }
            }
        } else {
            report.notMeasured.add("Client calls with the chaos agent: no agent jar was given (--agent).");
        }
        String after = Environment.loadAverage();
        report.rows.addAll(rows);
        StringBuilder md = new StringBuilder("## Woven HTTP client calls (OkHttp 4, HttpClient 4.5, HttpClient 5 async) and DNS"
                + "\n\nLoad average before " + before + ", after " + after
                + ".\n\n| call | variant | scenario | ns/op | ± (99.9%) | B/op |\n|---|---|---|---|---|---|\n");
        for (Measurement m : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.0f | %.0f | %.0f |%n", m.benchmark(),
                    m.variant(), m.scenario(), m.score(), m.error(), m.allocBytesPerOp()));
        }
        Files.writeString(settings.outDir.resolve("clients.md"), md.toString());
        System.out.println(md);
    }
}
