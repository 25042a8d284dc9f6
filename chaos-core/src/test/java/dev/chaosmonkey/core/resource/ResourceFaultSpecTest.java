package dev.chaosmonkey.core.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.chaosmonkey.core.ChaosRule;
import dev.chaosmonkey.core.ChaosSpecException;
import dev.chaosmonkey.core.InjectionPoint;

class ResourceFaultSpecTest {
    private static final long MB = 1L << 20;

    @ParameterizedTest
    @ValueSource(strings = {
        "resource -> leak(rate=10MB/s, cap=0.5)",
        "resource -> leak(cap=256MB)",
        "jdbc -> leak(per-call=1MB) p=0.1",
        "custom name=checkout -> leak(per-call=512KB, cap=64MB) max=10",
        "resource -> leak(rate=1MB/s, cap=1, allowOutOfMemory=true)",
        "resource -> leak(rate=1GB/s, cap=0.3, guard=0.9)",
        "resource -> leak(heavy)",
        "resource -> leak",
        "resource -> leak(cap=1.5GB)",
        "resource -> leak(cap=0.5, allowOutOfMemory)",
        "resource -> gc-pressure(rate=200MB/s)",
        "resource -> gc-pressure(light)",
        "resource -> cpu(threads=2, load=0.8)",
        "resource -> cpu(heavy)",
        "resource -> cpu(heavy, threads=1) for=30s",
        "resource -> threads(count=50)",
        "resource -> threads(executor=orders-pool)",
        "resource -> threads(executor=orders-pool, count=4)",
        "resource -> threads(medium) after=1s",
        "resource -> connections(datasource=orders-db, count=8)",
        "resource -> connections(datasource=orders-db, heavy) dry-run id=pool-drain",
    })
    void everySpecRoundTripsThroughItsCanonicalForm(String spec) {
        ChaosRule rule = ChaosRule.parse(spec);
        String canonical = rule.toSpec();
        assertThat(ChaosRule.parse(canonical)).isEqualTo(rule);
        assertThat(ChaosRule.parse(canonical).toSpec()).isEqualTo(canonical);
    }

    @Test
    void argumentsAreReadIntoTheFaults() {
        MemoryLeakFault leak = (MemoryLeakFault) ChaosRule.parse("resource -> leak(rate=10MB/s, cap=0.5)").fault();
        assertThat(leak.rateBytesPerSecond()).isEqualTo(10 * MB);
        assertThat(leak.capFraction()).isEqualTo(0.5);
        assertThat(leak.guard()).isEqualTo(MemoryLeakFault.DEFAULT_GUARD);
        assertThat(leak.toSpec()).isEqualTo("leak(rate=10MB/s, cap=0.5)");

        MemoryLeakFault capped = (MemoryLeakFault) ChaosRule.parse("resource -> leak(cap=1.5GB)").fault();
        assertThat(capped.capBytes()).isEqualTo(1536 * MB);
        assertThat(capped.rateBytesPerSecond()).isZero();
        assertThat(capped.toSpec()).isEqualTo("leak(cap=1536MB)");

        MemoryLeakFault perCall = (MemoryLeakFault) ChaosRule.parse("jdbc -> leak(per-call=1MB) p=0.1").fault();
        assertThat(perCall.perCallBytes()).isEqualTo(MB);
        assertThat(perCall.capFraction()).isEqualTo(MemoryLeakFault.DEFAULT_CAP_FRACTION);

        assertThat(ChaosRule.parse("resource -> leak(cap=0.5, allowOutOfMemory)").fault().toSpec())
                .isEqualTo("leak(cap=0.5, allowOutOfMemory=true)");
        assertThat(ChaosRule.parse("resource -> gc-pressure(rate=200MB/s)").fault())
                .isEqualTo(GcPressureFault.atRate(200 * MB));
        assertThat(ChaosRule.parse("resource -> cpu(threads=2, load=0.8)").fault()).isEqualTo(CpuBurnFault.of(2, 0.8));
        assertThat(ChaosRule.parse("resource -> threads(count=50)").fault()).isEqualTo(ThreadExhaustionFault.parking(50));
        assertThat(ChaosRule.parse("resource -> threads(executor=orders-pool)").fault())
                .isEqualTo(ThreadExhaustionFault.filling("orders-pool"));
        assertThat(ChaosRule.parse("resource -> connections(datasource=orders-db, count=8)").fault())
                .isEqualTo(ConnectionExhaustionFault.of("orders-db", 8));
    }

    @Test
    void presetsHaveTheDocumentedNumbersAndNamedArgumentsOverrideThem() {
        assertThat(ChaosRule.parse("resource -> cpu(light)").fault()).isEqualTo(CpuBurnFault.of(1, 0.3));
        assertThat(ChaosRule.parse("resource -> cpu").fault()).isEqualTo(CpuBurnFault.of(2, 0.5));
        assertThat(ChaosRule.parse("resource -> cpu(heavy)").fault()).isEqualTo(CpuBurnFault.of(4, 0.9));
        assertThat(ChaosRule.parse("resource -> cpu(heavy, threads=1)").fault()).isEqualTo(CpuBurnFault.of(1, 0.9));
        assertThat(ChaosRule.parse("resource -> leak(light)").fault())
                .isEqualTo(MemoryLeakFault.atRate(MB).withCapFraction(0.1));
        assertThat(ChaosRule.parse("resource -> leak").fault())
                .isEqualTo(MemoryLeakFault.atRate(10 * MB).withCapFraction(0.25));
        assertThat(ChaosRule.parse("resource -> leak(heavy)").fault())
                .isEqualTo(MemoryLeakFault.atRate(50 * MB).withCapFraction(0.5));
        assertThat(ChaosRule.parse("resource -> gc-pressure(light)").fault()).isEqualTo(GcPressureFault.atRate(50 * MB));
        assertThat(ChaosRule.parse("resource -> gc-pressure").fault()).isEqualTo(GcPressureFault.atRate(200 * MB));
        assertThat(ChaosRule.parse("resource -> gc-pressure(heavy)").fault()).isEqualTo(GcPressureFault.atRate(1L << 30));
        assertThat(ChaosRule.parse("resource -> threads(light)").fault()).isEqualTo(ThreadExhaustionFault.parking(10));
        assertThat(ChaosRule.parse("resource -> threads").fault()).isEqualTo(ThreadExhaustionFault.parking(50));
        assertThat(ChaosRule.parse("resource -> threads(heavy)").fault()).isEqualTo(ThreadExhaustionFault.parking(200));
        assertThat(ChaosRule.parse("resource -> connections(datasource=db, light)").fault())
                .isEqualTo(ConnectionExhaustionFault.of("db", 2));
        assertThat(ChaosRule.parse("resource -> connections(datasource=db)").fault())
                .isEqualTo(ConnectionExhaustionFault.of("db", 5));
        assertThat(ChaosRule.parse("resource -> connections(datasource=db, heavy)").fault())
                .isEqualTo(ConnectionExhaustionFault.of("db", Intensity.HEAVY));
        assertThat(ConnectionExhaustionFault.of("db", Intensity.HEAVY).count()).isEqualTo(10);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "resource -> leak(rate=10MB)           | leak: rate=10MB is not a rate (use a size per second, e.g. 10MB/s)",
        "resource -> leak(cap=256)             | leak: cap=256 must be a fraction of max heap above 0 and at most 1",
        "resource -> leak(cap=12XB)            | leak: cap=12XB is not a size",
        "resource -> leak(cap=0MB)             | leak: cap=0MB must be more than zero bytes",
        "resource -> leak(guard=1)             | leak: guard=1 must be a number above 0 and at most 0.99",
        "resource -> leak(speed=1MB/s)         | leak: unknown argument 'speed' (known: rate, cap, per-call, guard, allowOutOfMemory)",
        "resource -> leak(allowOutOfMemory=yes) | leak: allowOutOfMemory=yes must be true or false",
        "resource -> leak(extreme)             | leak: unexpected argument 'extreme' (expected a preset light, medium or heavy",
        "resource -> leak(per-call=1MB)        | leak(per-call=...) leaks on calls: use it at a call point",
        "jdbc -> leak(rate=1MB/s)              | leak at the jdbc point needs per-call=<size>",
        "http -> cpu(light)                    | cpu is not allowed at the http point",
        "resource -> leak(rate=1MB/s, per-call=1MB) | leak: rate= and per-call= cannot be combined",
        "resource -> cpu(load=1.5)             | cpu: load=1.5 must be a number above 0 and at most 1",
        "resource -> cpu(threads=0)            | cpu: threads=0 must be a whole number from 1 to 256",
        "resource -> cpu(heavy, light)         | cpu: at most one unnamed argument",
        "resource -> gc-pressure(rate=fast)    | gc-pressure: rate=fast is not a rate",
        "resource -> gc-pressure(rate=64GB/s)  | gc-pressure: rate=64GB/s is above the maximum of 16GB/s",
        "resource -> threads(count=-1)         | threads: count=-1 must be a whole number from 1 to 10000",
        "resource -> threads(executor=\"a b\") | threads: executor=a b must be a name of 1-64 letters",
        "resource -> connections(count=3)      | connections needs datasource=<name registered with ResourceTargets>",
        "resource -> connections(datasource=db, count=x) | connections: count=x must be a whole number from 1 to 10000",
    })
    void badArgumentsGiveAPositionedErrorNamingTheArgument(String spec, String message) {
        assertThatThrownBy(() -> ChaosRule.parse(spec))
                .isInstanceOf(ChaosSpecException.class)
                .hasMessageContaining(message)
                .hasMessageContaining("column");
    }

    @Test
    void unknownFaultMessageListsTheResourceFaults() {
        assertThatThrownBy(() -> ChaosRule.parse("resource -> meltdown"))
                .hasMessageContaining("expected exception, delay, timeout, status, leak, gc-pressure, cpu, threads,"
                        + " connections");
    }

    @Test
    void apiBuiltRulesRenderAsSpecs() {
        ChaosRule rule = ChaosRule.on(InjectionPoint.RESOURCE)
                .fault(MemoryLeakFault.atRate(5 * MB).withCapBytes(100 * MB).withGuard(0.7)).build();
        assertThat(rule.toSpec()).isEqualTo("resource -> leak(rate=5MB/s, cap=100MB, guard=0.7)");
        assertThat(ChaosRule.parse(rule.toSpec())).isEqualTo(rule);
        assertThatThrownBy(() -> MemoryLeakFault.upTo(MB).withCapFraction(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cap=1.5");
    }
}
