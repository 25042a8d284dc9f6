package dev.chaosmonkey.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Wiring of the Spring Boot parts ({@code boot}, {@code cds}, {@code arm}) without starting a JVM: the parsers
 * against console and class-load output captured from real runs, the variants, the pairwise ratios and the report.
 */
class BootPartsTest {

    private static List<String> captured(String name) throws IOException, URISyntaxException {
        return Files.readAllLines(capturedPath(name));
    }

    private static Path capturedPath(String name) throws URISyntaxException {
        return Path.of(BootPartsTest.class.getResource("/captured/" + name).toURI());
    }

    @Test
    void consoleParsersFindPortStartedLineAndWarnings() throws Exception {
        List<String> console = captured("boot-console.txt");
        assertThat(console.stream().map(BootLog::port).filter(p -> p.isPresent()).map(p -> p.getAsInt()))
                .containsExactly(34327);
        List<BootLog.Started> started = console.stream().map(BootLog::started).filter(s -> s != null).toList();
        assertThat(started).containsExactly(new BootLog.Started("LibraryApplication", 15.123, 16.062));
        assertThat(console.stream().filter(BootLog::isSharingWarning)).hasSize(1);
        // the JVM's warning and [error][aot] line and an agent's WARNING, not Spring Boot's WARN line nor INFO lines
        assertThat(console.stream().filter(BootLog::isJvmWarning)).hasSize(3)
                .allSatisfy(line -> assertThat(line).doesNotContain("CaffeineCacheMetrics"));
    }

    @Test
    void classLoadLogCountsArchiveHitsOfBothArchiveLayers() throws Exception {
        BootLog.ClassLoads loads = BootLog.classLoads(capturedPath("class-load.txt"));
        // 9 class loads (the [cds] line is not one); 5 from the JDK's base archive or the dynamic archive (top)
        assertThat(loads).isEqualTo(new BootLog.ClassLoads(9, 5));
        assertThat(loads.hitRate()).isCloseTo(5 / 9.0, within(1e-9));
        assertThat(new BootLog.ClassLoads(0, 0).hitRate()).isNaN();
    }

    @Test
    void pauseWindowJsonParsesInAnyFieldOrder() {
        assertThat(ArmPause.parseWindow("{\"calls\":812,\"failures\":0,\"maxGapMillis\":108.2}"))
                .isEqualTo(new ArmPause.Window(812, 0, 108.2));
        assertThat(ArmPause.parseWindow("{\"maxGapMillis\" : 1.5E0, \"failures\": 2, \"calls\": 3}"))
                .isEqualTo(new ArmPause.Window(3, 2, 1.5));
        assertThatThrownBy(() -> ArmPause.parseWindow("<html>404</html>")).hasMessageContaining("not a pause window");
    }

    @Test
    void variantsNeedTheirAgentJars() {
        Path chaos = Path.of("/x/chaos-agent.jar");
        assertThat(BootStartup.variants(null, null).keySet()).containsExactly(BootStartup.BASELINE);
        Map<String, List<String>> all = BootStartup.variants(chaos, Path.of("/x/otel.jar"));
        assertThat(all.keySet()).containsExactly(BootStartup.BASELINE, BenchmarkSuite.BOOT_CHAOS_IDLE,
                BenchmarkSuite.BOOT_CHAOS_ARMED, BenchmarkSuite.BOOT_OTEL);
        assertThat(all.get(BenchmarkSuite.BOOT_CHAOS_IDLE)).containsExactly("-javaagent:/x/chaos-agent.jar=enabled=true");
        assertThat(all.get(BenchmarkSuite.BOOT_CHAOS_ARMED)).containsExactly("-javaagent:/x/chaos-agent.jar=enabled=true;"
                + "spec=jdbc -> exception p=0 for=1h;spec=http -> exception p=0 for=1h");
        assertThat(all.get(BenchmarkSuite.BOOT_OTEL)).first().isEqualTo("-javaagent:/x/otel.jar");
    }

    @Test
    void settingsTakeTheBootOptions() {
        SuiteSettings settings = SuiteSettings.parse("--parts=boot,cds,arm", "--boot-runs=9", "--cds-runs=2",
                "--arm-runs=4");
        assertThat(settings.bootRuns).isEqualTo(9);
        assertThat(settings.cdsRuns).isEqualTo(2);
        assertThat(settings.armRuns).isEqualTo(4);
        assertThat(settings.runs("boot") && settings.runs("cds") && settings.runs("arm")).isTrue();
        assertThatThrownBy(() -> SuiteSettings.parse("--boot-app=/no/such.jar")).hasMessageContaining("names no file");
    }

    @Test
    void ratiosArePairedRoundByRoundAndReported() {
        Map<String, BootLaunch.Timing[]> timings = new LinkedHashMap<>();
        timings.put(BootStartup.BASELINE, new BootLaunch.Timing[] {timing(10_000, false), timing(20_000, false)});
        timings.put("agent", new BootLaunch.Timing[] {timing(11_000, false), timing(20_000, true)});
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put(BootStartup.BASELINE, List.of());
        variants.put("agent", List.of("-javaagent:a.jar"));
        List<BootStartup.Result> results = BootStartup.results(variants, timings);
        // pairs: 11000/10000 and 20000/20000, although the medians alone would give 15500/15000
        assertThat(results.get(1).pairRatios()).containsExactly(1.1, 1.0);
        StringBuilder md = new StringBuilder();
        BootReport.boot(md, results);
        assertThat(md.toString()).contains("| no agent | 15000 | 10000 | 20000 |", "| agent | 15500 |",
                "**1.05** (1.00-1.10) | yes |", "- agent: `OpenJDK 64-Bit Server VM warning: Sharing is only");
    }

    @Test
    void cdsAndArmTablesRender() {
        List<CdsStartup.Result> cds = List.of(
                new CdsStartup.Result(CdsStartup.NO_ARCHIVE, null, List.of(timing(10_000, false)),
                        List.of(new BootLog.ClassLoads(18_000, 1_200))),
                new CdsStartup.Result(CdsStartup.CDS_NO_AGENT, null, List.of(timing(7_000, false)),
                        List.of(new BootLog.ClassLoads(18_000, 16_200))),
                new CdsStartup.Result("CDS archive, chaos agent", CdsStartup.CDS_NO_AGENT,
                        List.of(timing(7_700, false)), List.of(new BootLog.ClassLoads(18_200, 16_250))));
        StringBuilder md = new StringBuilder();
        BootReport.cds(md, cds);
        assertThat(md.toString()).contains("| CDS archive, no agent | 18000 | 16200 | 90.0% | 7000 |",
                "| CDS archive, chaos agent | 18200 | 16250 | 89.3% | 7700 | 8000 | **0.77** (0.77-0.77) | "
                        + "**1.10** (1.10-1.10) | no |");
        ArmPause.Window w = new ArmPause.Window(100, 0, 2.5);
        List<ArmPause.Round> rounds = List.of(new ArmPause.Round(w, List.of(
                new ArmPause.Step("first rule", 1900, new ArmPause.Window(50, 0, 120), w)), 0));
        StringBuilder arm = new StringBuilder();
        BootReport.arm(arm, rounds);
        assertThat(arm.toString()).contains("| first rule | 1 | 1900 (1900-1900) | 120.0 (120.0) | 2.5 (2.5) |",
                "Queries that failed in the monitor: 0; chaos internal errors: 0.");
    }

    private static BootLaunch.Timing timing(double startedMillis, boolean sharingWarning) {
        return new BootLaunch.Timing(startedMillis, startedMillis + 300,
                new BootLog.Started("LibraryApplication", startedMillis / 1000 - 0.5, startedMillis / 1000),
                sharingWarning, sharingWarning ? List.of("OpenJDK 64-Bit Server VM warning: Sharing is only "
                        + "supported for boot loader classes because bootstrap classpath has been appended")
                        : List.of());
    }
}
