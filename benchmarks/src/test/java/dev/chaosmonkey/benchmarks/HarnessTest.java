package dev.chaosmonkey.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import com.example.bench.WovenTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke tests of the harness: generated JMH list, fixtures, settings and result plumbing. Runs no benchmark. */
class HarnessTest {

    @Test
    void jmhAnnotationProcessorGeneratedTheBenchmarkList() throws IOException {
        try (InputStream list = getClass().getClassLoader().getResourceAsStream("META-INF/BenchmarkList")) {
            assertThat(list).as("META-INF/BenchmarkList (jmh-generator-annprocess ran?)").isNotNull();
            String text = new String(list.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).contains("WovenCallBenchmark_h2ExecuteQuery_jmhTest", "WovenCallBenchmark_trivialMethod_jmhTest",
                    "CoreDecisionBenchmark_decideJdbc_jmhTest", "CoreDecisionBenchmark_decideMethod_jmhTest",
                    "ContentionBenchmark_decideArmedHalf_jmhTest", "SpringPeerBenchmark_trivialMethod_jmhTest",
                    "ScopedDecisionBenchmark_decideJdbc_jmhTest");
        }
    }

    @Test
    void releaseLatencyHarnessFreesEveryHeldThread() throws InterruptedException {
        for (ReleaseLatency.Trigger trigger : ReleaseLatency.Trigger.values()) {
            ReleaseLatency.Result r = ReleaseLatency.measure(trigger, "timeout(60s)", 2, 1);
            assertThat(r.stillHeld()).as(trigger.label).isZero();
            // generous: the fault asked for 60 s; a release is milliseconds even on a loaded machine
            assertThat(r.maxMillis()).as(trigger.label).isLessThan(10_000);
        }
    }

    @Test
    void h2FixtureAnswersThePointQuery() throws SQLException {
        try (H2Database database = H2Database.open("harness-test")) {
            assertThat(database.lookup(3)).isEqualTo(21);
            assertThat(database.lookup(H2Database.ROWS + 5)).isEqualTo(35);
            assertThat(database.lookup(-1)).isEqualTo((H2Database.ROWS - 1) * 7);
        }
    }

    @Test
    void bytemanScriptTargetsTheMeasuredMethods(@TempDir Path dir) throws IOException {
        Path script = BytemanRules.write(dir);
        String text = Files.readString(script);
        assertThat(text).contains("CLASS " + WovenTarget.CLASS_NAME, "METHOD mix", "METHOD unused",
                "CLASS org.h2.jdbc.JdbcPreparedStatement", BytemanRules.ACTIVE_PROPERTY);
        assertThat(text.split("IF false", -1)).hasSize(3);
        assertThat(BytemanRules.agentArgument(Path.of("/x/byteman.jar"), script))
                .isEqualTo("-javaagent:/x/byteman.jar=script:" + script);
    }

    @Test
    void settingsParseAndRejectBadInput() {
        SuiteSettings settings = SuiteSettings.parse("--forks=2", "--parts=core,delay", "--iterations=7");
        assertThat(settings.forks).isEqualTo(2);
        assertThat(settings.iterations).isEqualTo(7);
        assertThat(settings.runs("core")).isTrue();
        assertThat(settings.runs("woven")).isFalse();
        assertThat(settings.jmhArguments()).contains("--forks=2", "--iterations=7");
        assertThatThrownBy(() -> SuiteSettings.parse("--fork=2")).hasMessageContaining("unknown option --fork");
        assertThatThrownBy(() -> SuiteSettings.parse("--forks=0")).hasMessageContaining("--forks must be");
        assertThatThrownBy(() -> SuiteSettings.parse("--parts=core,gpu")).hasMessageContaining("unknown part 'gpu'");
        assertThatThrownBy(() -> SuiteSettings.parse("--agent=/no/such.jar")).hasMessageContaining("names no file");
    }

    @Test
    void measurementsSurviveTheChildJvmHandOver() {
        Measurement row = new Measurement("spring", "trivialMethod", "watching", 1, 12.5, Double.NaN, "ns/op", 0.0);
        assertThat(Measurement.fromTsv(row.toTsv())).isEqualTo(row);
        assertThatThrownBy(() -> Measurement.fromTsv("a\tb")).hasMessageContaining("expected 8");
    }

    @Test
    void percentileUsesNearestRank() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(DelayAccuracy.percentile(sorted, 50)).isEqualTo(5);
        assertThat(DelayAccuracy.percentile(sorted, 99)).isEqualTo(10);
        assertThatThrownBy(() -> DelayAccuracy.measure(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
