package dev.chaosmonkey.core.resource;

import static dev.chaosmonkey.core.resource.ResourceTestSupport.chaosThreads;
import static dev.chaosmonkey.core.resource.ResourceTestSupport.holding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.chaosmonkey.core.ChaosMonkey;

class CpuBurnFaultTest {
    private final ChaosMonkey monkey = ChaosMonkey.create();

    @AfterEach
    void killSwitch() {
        monkey.close();
    }

    @Test
    void burnsAboutTheTargetFractionOfOneCpuAndStopsOnDisarm() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx.isThreadCpuTimeSupported() && mx.isThreadCpuTimeEnabled());
        monkey.enable();
        String id = monkey.arm("resource -> cpu(threads=1, load=0.4) id=cpu-burn");
        List<Thread> burners = chaosThreads(id);
        assertThat(burners).hasSize(1);
        long tid = burners.get(0).getId();
        long cpu0 = mx.getThreadCpuTime(tid);
        long wall0 = System.nanoTime();

        // generous bounds: the machine may be busy (less CPU than asked), but the burner never runs flat out
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            long wall = System.nanoTime() - wall0;
            double fraction = (double) (mx.getThreadCpuTime(tid) - cpu0) / wall;
            assertThat(wall).isGreaterThan(Duration.ofSeconds(1).toNanos());
            assertThat(fraction).isBetween(0.1, 0.8);
        });
        assertThat(holding(monkey, id, CpuBurnFault.THREADS_BUSY)).isEqualTo(1);
        assertThat(holding(monkey, id, CpuBurnFault.CPU_TIME_NANOS)).isPositive();

        monkey.disarm(id);
        assertThat(chaosThreads(id)).isEmpty();
        assertThat(burners.get(0).isAlive()).isFalse();
    }

    @Test
    void startsTheRequestedNumberOfThreadsAndTheKillSwitchEndsThem() {
        monkey.enable();
        String id = monkey.arm("resource -> cpu(threads=3, load=0.1) id=cpu-three");
        assertThat(chaosThreads(id)).hasSize(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> holding(monkey, id, CpuBurnFault.THREADS_BUSY) == 3);

        monkey.disarmAll();
        assertThat(chaosThreads(id)).isEmpty();
    }

    @Test
    void dryRunBurnsNothing() {
        monkey.enable();
        String id = monkey.arm("resource -> cpu(heavy) dry-run id=cpu-dry");
        assertThat(chaosThreads(id)).isEmpty();
        assertThat(monkey.rule(id).orElseThrow().getHoldings()).isEmpty();
    }
}
