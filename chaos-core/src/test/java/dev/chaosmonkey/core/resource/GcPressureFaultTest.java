package dev.chaosmonkey.core.resource;

import static dev.chaosmonkey.core.resource.ResourceTestSupport.MB;
import static dev.chaosmonkey.core.resource.ResourceTestSupport.chaosThreads;
import static dev.chaosmonkey.core.resource.ResourceTestSupport.holding;
import static dev.chaosmonkey.core.resource.ResourceTestSupport.usedHeapAfterGc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.chaosmonkey.core.ChaosMonkey;

class GcPressureFaultTest {
    private final ChaosMonkey monkey = ChaosMonkey.create();

    @AfterEach
    void killSwitch() {
        monkey.close();
    }

    private static long collections() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionCount());
        }
        return sum;
    }

    @Test
    void allocatesGarbageThatCausesCollectionsButRetainsNothing() {
        monkey.enable();
        long baseline = usedHeapAfterGc();
        long collectionsBefore = collections();
        String id = monkey.arm("resource -> gc-pressure(rate=300MB/s) id=gc-pressure");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(holding(monkey, id, GcPressureFault.BYTES_ALLOCATED)).isGreaterThan(256 * MB);
            assertThat(collections()).as("young collections caused").isGreaterThan(collectionsBefore);
        });
        assertThat(holding(monkey, id, GcPressureFault.THREADS_BUSY)).isEqualTo(1);
        assertThat(usedHeapAfterGc()).as("garbage is not retained").isLessThan(baseline + 32 * MB);

        monkey.disarm(id);
        assertThat(chaosThreads(id)).isEmpty();
    }

    @Test
    void stopsOnDisableAndResumesOnEnable() {
        monkey.enable();
        String id = monkey.arm("resource -> gc-pressure(light) id=gc-switch");
        assertThat(chaosThreads(id)).hasSize(1);
        monkey.disable();
        assertThat(chaosThreads(id)).isEmpty();
        monkey.enable();
        assertThat(chaosThreads(id)).hasSize(1);
    }
}
