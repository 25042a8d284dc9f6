package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Latency distributions of the delay fault: parsing, spec round trip, and the drawn percentiles. */
class DelayShapesTest {

    private static DelayFault delay(String fault) {
        return (DelayFault) ChaosRule.parse("custom -> " + fault).fault();
    }

    private static double[] drawMillis(DelayFault fault, int n) {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            ms[i] = fault.nextDelayNanos() / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[(int) Math.ceil(p / 100 * sorted.length) - 1];
    }

    @Test
    void logNormalFittedToTwoPercentilesReproducesThem() {
        DelayFault fault = delay("delay(p50=20ms, p99=800ms)");
        assertThat(fault.toSpec()).isEqualTo("delay(p50=20ms, p99=800ms)");
        assertThat(fault.maximum()).isEqualTo(Duration.ofMillis(8000));
        assertThat(fault.minimum()).isEqualTo(Duration.ZERO);
        double[] ms = drawMillis(fault, 200_000);
        assertThat(percentile(ms, 50)).isCloseTo(20, within(1.0));
        assertThat(percentile(ms, 99)).isCloseTo(800, within(60.0));
        assertThat(ms[ms.length - 1]).isLessThanOrEqualTo(8000);
    }

    @Test
    void anyTwoPercentilesInAnyOrderAndAnExplicitCap() {
        DelayFault fault = delay("delay(p99.9=2s, p90=100ms, max=3s)");
        assertThat(fault.toSpec()).isEqualTo("delay(p90=100ms, p99.9=2s, max=3s)");
        assertThat(ChaosRule.parse("custom -> " + fault.toSpec()).fault()).isEqualTo(fault);
        double[] ms = drawMillis(fault, 200_000);
        assertThat(percentile(ms, 90)).isCloseTo(100, within(6.0));
        assertThat(ms[ms.length - 1]).isLessThanOrEqualTo(3000);
        assertThat(percentile(ms, 99.9)).isCloseTo(2000, within(300.0));
    }

    @Test
    void bimodalMixDrawsTheSlowSideWithItsShare() {
        DelayFault fault = delay("delay(10ms|500ms, p=0.1)");
        assertThat(fault.toSpec()).isEqualTo("delay(10ms|500ms, p=0.1)");
        assertThat(fault.minimum()).isEqualTo(Duration.ofMillis(10));
        assertThat(fault.maximum()).isEqualTo(Duration.ofMillis(500));
        double[] ms = drawMillis(fault, 100_000);
        long slow = Arrays.stream(ms).filter(v -> v == 500).count();
        long fast = Arrays.stream(ms).filter(v -> v == 10).count();
        assertThat(slow + fast).isEqualTo(100_000);
        assertThat(slow).isBetween(9_000L, 11_000L);

        DelayFault ranges = delay("delay(5ms..15ms|400ms..600ms, p=0.05)");
        assertThat(ranges.toSpec()).isEqualTo("delay(5ms..15ms|400ms..600ms, p=0.05)");
        assertThat(Arrays.stream(drawMillis(ranges, 10_000)).filter(v -> !(v >= 5 && v <= 15 || v >= 400 && v <= 600))
                .count()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "'custom -> delay(p50=20ms)'                  | 11 | needs two percentiles",
        "'custom -> delay(p50=20ms, p99=10ms)'        | 11 | p99 (10ms) must be greater than p50 (20ms)",
        "'custom -> delay(p50=0ms, p99=10ms)'         | 17 | p50 must be greater than 0",
        "'custom -> delay(p50=20ms, p98=1s)'          | 27 | takes two of p50, p75, p90, p95, p99, p99.9",
        "'custom -> delay(p50=20ms, p99=1s, p90=2s)'  | 35 | exactly two percentiles",
        "'custom -> delay(p50=20ms, p99=1s, max=10ms)'| 35 | max (10ms) must not be below p99 (1s)",
        "'custom -> delay(p50=2x, p99=1s)'            | 17 | '2x' is not a duration for p50",
        "'custom -> delay(10ms|500ms)'                | 27 | share of slow calls as p=",
        "'custom -> delay(10ms|500ms, p=2)'           | 29 | from 0 to 1, was 2",
        "'custom -> delay(10ms|5x, p=0.1)'            | 22 | '5x' is not a duration for slow delay",
        "'custom -> delay(10ms|5ms|1s, p=0.1)'        | 17 | two sides",
    })
    void badDistributionsNameTheProblemAndItsColumn(String spec, int column, String problem) {
        assertThatThrownBy(() -> ChaosRule.parse(spec)).isInstanceOfSatisfying(ChaosSpecException.class, e -> {
            assertThat(e.getMessage()).contains(problem);
            assertThat(e.column()).as(e.getMessage()).isEqualTo(column);
        });
    }
}
