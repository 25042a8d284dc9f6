package dev.chaosmonkey.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hot path must not allocate for calls that end without an injection. Measured with the JVM's per-thread
 * allocation counter (bytes, not time): a single allocation per call would show up as megabytes over the loop.
 */
class HotPathAllocationTest {
    private static final int CALLS = 200_000;
    private final ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).build());
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @AfterEach
    void tearDown() {
        monkey.close();
    }

    private long allocatedBy(Supplier<Injection> call) {
        for (int i = 0; i < 20_000; i++) {
            assertThat(call.get()).isNull();
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        Object last = null;
        for (int i = 0; i < CALLS; i++) {
            Injection injection = call.get();
            if (injection != null) {
                last = injection;
            }
        }
        long after = threads.getThreadAllocatedBytes(id);
        assertThat(last).isNull();
        return after - before;
    }

    @Test
    void disarmed() {
        assertThat(allocatedBy(() -> monkey.decideJdbc("query", "select * from orders", "jdbc:h2:mem:x")))
                .isLessThan(4096);
    }

    @Test
    void armedOnAnotherPoint() {
        monkey.arm("http host=inventory -> exception");
        assertThat(allocatedBy(() -> monkey.decideJdbc("query", "select * from orders", "jdbc:h2:mem:x")))
                .isLessThan(4096);
    }

    @Test
    void armedOnTheSamePointWithNonMatchingGlobAndRegex() {
        monkey.arm("jdbc url=jdbc:postgresql:* -> exception");
        monkey.arm("jdbc sql~\"(?i)delete\\\\s+from\" -> exception");
        monkey.arm("http host=inv*.internal path!~\"^/api\" -> exception");
        assertThat(allocatedBy(() -> monkey.decideJdbc("query", "select * from orders", "jdbc:h2:mem:x")))
                .isLessThan(4096);
        assertThat(allocatedBy(() -> monkey.decideHttp("GET", "http", "inventory.internal", 8080, "/api/stock")))
                .isLessThan(4096);
    }

    @Test
    void checkedCustomPointsAllocateNothingOnceTheirTypeIsKnown() {
        monkey.arm("custom name=other -> exception(java.io.IOException)");
        assertThat(allocatedBy(() -> {
            try {
                monkey.check("payment-gateway", java.io.IOException.class);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            return null;
        })).isLessThan(4096);
    }

    @Test
    void armedWithProbabilityZero() {
        monkey.arm("jdbc -> exception p=0");
        assertThat(allocatedBy(() -> monkey.decideJdbc("query", "select * from orders", "jdbc:h2:mem:x")))
                .isLessThan(4096);
    }

    @Test
    void scopedRuleOutsideItsScopeAndInsideAnother() {
        monkey.arm("jdbc -> exception scope=checkout-test");
        assertThat(allocatedBy(() -> monkey.decideJdbc("query", "select * from orders", "jdbc:h2:mem:x")))
                .isLessThan(4096);
        try (ChaosScope other = monkey.openScope("search-test")) {
            assertThat(allocatedBy(() -> monkey.decideJdbc("query", "select * from orders", "jdbc:h2:mem:x")))
                    .isLessThan(4096);
        }
    }

    @Test
    void scopedRuleInsideItsScopeThatDoesNotMatch() {
        monkey.arm("jdbc url=jdbc:postgresql:* -> exception scope=checkout-test");
        try (ChaosScope scope = monkey.openScope("checkout-test")) {
            assertThat(allocatedBy(() -> monkey.decideJdbc("query", "select * from orders", "jdbc:h2:mem:x")))
                    .isLessThan(4096);
        }
    }
}
