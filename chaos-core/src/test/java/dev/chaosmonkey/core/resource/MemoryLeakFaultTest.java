package dev.chaosmonkey.core.resource;

import static dev.chaosmonkey.core.resource.ResourceTestSupport.MB;
import static dev.chaosmonkey.core.resource.ResourceTestSupport.chaosThreads;
import static dev.chaosmonkey.core.resource.ResourceTestSupport.holding;
import static dev.chaosmonkey.core.resource.ResourceTestSupport.usedHeapAfterGc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.chaosmonkey.core.ChaosMonkey;

class MemoryLeakFaultTest {
    private final ChaosMonkey monkey = ChaosMonkey.create();

    @AfterEach
    void killSwitch() {
        monkey.close();
    }

    @Test
    void leaksAtARateUpToTheCapAndReleasesEverythingOnDisarm() {
        monkey.enable();
        long baseline = usedHeapAfterGc();
        String id = monkey.arm("resource -> leak(rate=40MB/s, cap=96MB) id=leak-rate");

        await().atMost(Duration.ofSeconds(5)).until(() -> holding(monkey, id, MemoryLeakFault.BYTES_RETAINED) > 0);
        assertThat(holding(monkey, id, MemoryLeakFault.BYTES_RETAINED)).as("grows at a rate, not at once")
                .isLessThan(96 * MB);
        assertThat(holding(monkey, id, MemoryLeakFault.CAP_BYTES)).isEqualTo(96 * MB);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> holding(monkey, id, MemoryLeakFault.BYTES_RETAINED) == 96 * MB);
        assertThat(usedHeapAfterGc() - baseline).as("the heap really holds the leak").isGreaterThan(80 * MB);

        monkey.disarm(id);

        assertThat(chaosThreads(id)).isEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(usedHeapAfterGc()).as("collectable after disarm").isLessThan(baseline + 40 * MB));
    }

    @Test
    void leaksAFixedAmountPerInjectedCallUpToTheCap() {
        monkey.enable();
        String id = monkey.arm("custom name=checkout -> leak(per-call=256KB, cap=1MB) id=leak-calls");
        assertThat(chaosThreads(id)).as("per-call leaks need no thread").isEmpty();

        for (int i = 0; i < 3; i++) {
            monkey.check("checkout");
        }
        monkey.check("search");
        assertThat(holding(monkey, id, MemoryLeakFault.BYTES_RETAINED)).isEqualTo(3 * 256 * 1024);

        for (int i = 0; i < 5; i++) {
            monkey.check("checkout");
        }
        assertThat(holding(monkey, id, MemoryLeakFault.BYTES_RETAINED)).isEqualTo(MB);
        assertThat(monkey.rule(id).orElseThrow().getInjected()).isEqualTo(8);
    }

    @Test
    void honoursDryRunDisableAndTheKillSwitch() {
        monkey.enable();
        String dry = monkey.arm("resource -> leak(cap=32MB) dry-run id=leak-dry");
        assertThat(monkey.rule(dry).orElseThrow().getHoldings()).isEmpty();
        assertThat(chaosThreads(dry)).isEmpty();

        String id = monkey.arm("resource -> leak(cap=32MB) id=leak-switches");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> holding(monkey, id, MemoryLeakFault.BYTES_RETAINED) == 32 * MB);

        monkey.setDryRun(true);
        assertThat(monkey.rule(id).orElseThrow().getHoldings()).as("global dry run stops it").isEmpty();
        assertThat(chaosThreads(id)).isEmpty();
        monkey.setDryRun(false);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> holding(monkey, id, MemoryLeakFault.BYTES_RETAINED) == 32 * MB);

        monkey.disable();
        assertThat(monkey.rule(id).orElseThrow().getHoldings()).as("disabled chaos holds nothing").isEmpty();
        monkey.enable();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> holding(monkey, id, MemoryLeakFault.BYTES_RETAINED) == 32 * MB);

        assertThat(monkey.disarmAll()).isEqualTo(2);
        assertThat(monkey.rules()).isEmpty();
        assertThat(chaosThreads(id)).isEmpty();
    }

    @Test
    void expiresOnItsOwn() {
        monkey.enable();
        String id = monkey.arm("resource -> leak(rate=1MB/s, cap=64MB) for=1s id=leak-expiring");
        assertThat(chaosThreads(id)).hasSize(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> monkey.rule(id).isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> chaosThreads(id).isEmpty());
    }

    @Test
    void guardCapsTheLeakBelowTheConfiguredFractionOfMaxHeap() {
        monkey.enable();
        long max = Runtime.getRuntime().maxMemory();
        String id = monkey.arm("resource -> leak(rate=1MB/s, cap=1, guard=0.5) id=leak-guarded");
        assertThat(holding(monkey, id, MemoryLeakFault.CAP_BYTES)).isEqualTo((long) (0.5 * max));

        String unguarded = monkey.arm("resource -> leak(rate=1MB/s, cap=1, allowOutOfMemory=true) id=leak-unguarded");
        assertThat(holding(monkey, unguarded, MemoryLeakFault.CAP_BYTES)).isEqualTo(max);
    }

    @Test
    void holdingsAreVisibleOverJmx() throws Exception {
        ObjectName name = monkey.registerMBean("dev.chaosmonkey:type=ChaosMonkey,name=memory-leak-test");
        monkey.enable();
        String id = monkey.arm("resource -> leak(cap=8MB) id=leak-jmx");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> holding(monkey, id, MemoryLeakFault.BYTES_RETAINED) == 8 * MB);

        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        CompositeData[] rules = (CompositeData[]) server.getAttribute(name, "Rules");
        assertThat(rules).hasSize(1);
        TabularData holdings = (TabularData) rules[0].get("holdings");
        CompositeData retained = holdings.get(new Object[] {MemoryLeakFault.BYTES_RETAINED});
        assertThat(retained.get("value")).isEqualTo(8 * MB);
    }
}
