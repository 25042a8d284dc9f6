package dev.chaosmonkey.core.resource;

import static dev.chaosmonkey.core.resource.ResourceTestSupport.chaosThreads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import dev.chaosmonkey.core.ChaosConfig;
import dev.chaosmonkey.core.ChaosEvent;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.ChaosSpecException;

/**
 * Arming is atomic for any Throwable. The realistic trigger, {@code OutOfMemoryError: unable to create native
 * thread} in a pid-limited container, cannot be produced reliably in a test (it depends on the machine's limits and
 * could take the test JVM down with it), so the package-private {@link ChaosThreads#starter} seam makes the n-th
 * thread start throw exactly that error; everything after the start is the real code path.
 */
@ResourceLock("chaos-threads-starter")
class ArmingAtomicityTest {
    private static final String NATIVE_THREAD_OOM =
            "unable to create native thread: possibly out of memory or process/resource limits reached";

    private final ChaosThreads.Starter original = ChaosThreads.starter;
    private final ChaosMonkey monkey = ChaosMonkey.create(ChaosConfig.custom().enabled(true).build());
    private final List<ChaosEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void restore() {
        ChaosThreads.starter = original;
        monkey.close();
    }

    /** Lets {@code allowed} thread starts succeed, then throws {@code error} for every further one. */
    private static void failStartsAfter(int allowed, Error error) {
        AtomicInteger starts = new AtomicInteger();
        ChaosThreads.starter = t -> {
            if (starts.incrementAndGet() > allowed) {
                throw error;
            }
            t.start();
        };
    }

    private void assertNothingLeft(String... ruleIds) {
        assertThat(monkey.rules()).as("no rule stays armed, ACTIVE or otherwise").isEmpty();
        for (String id : ruleIds) {
            await().atMost(Duration.ofSeconds(10)).until(() -> chaosThreads(id).isEmpty());
        }
        assertThat(events).extracting(ChaosEvent::type).doesNotContain(ChaosEvent.Type.ARMED);
    }

    @Test
    void nativeThreadOomWhileArmingABatchStopsEveryThreadAlreadyStarted() {
        monkey.addListener(events::add);
        // rule a starts its 2 burning threads, rule b's second thread cannot be created
        failStartsAfter(3, new OutOfMemoryError(NATIVE_THREAD_OOM));

        assertThatThrownBy(() -> monkey.armAll(List.of(
                dev.chaosmonkey.core.FaultSpec.parse("resource -> cpu(threads=2, load=0.2) id=atomic-a"),
                dev.chaosmonkey.core.FaultSpec.parse("resource -> cpu(threads=2, load=0.2) id=atomic-b"))))
                .isInstanceOf(ChaosSpecException.class)
                .hasMessageContaining("cannot start resource fault")
                .hasMessageContaining(NATIVE_THREAD_OOM)
                .hasRootCauseInstanceOf(OutOfMemoryError.class);

        assertNothingLeft("atomic-a", "atomic-b");
        assertThat(monkey.ruleCount()).isZero();
    }

    @Test
    void anyOtherErrorRollsBackToo() {
        monkey.addListener(events::add);
        failStartsAfter(1, new InternalError("thread start refused"));

        assertThatThrownBy(() -> monkey.arm("resource -> cpu(threads=3, load=0.2) id=atomic-c"))
                .isInstanceOf(ChaosSpecException.class)
                .hasMessageContaining("thread start refused");

        assertNothingLeft("atomic-c");
    }

    @Test
    void parkedThreadsReportHowManyCouldStart() {
        failStartsAfter(2, new OutOfMemoryError(NATIVE_THREAD_OOM));

        assertThatThrownBy(() -> monkey.arm("resource -> threads(count=5) id=atomic-p"))
                .isInstanceOf(ChaosSpecException.class)
                .hasMessageContaining("could only start 2 of 5 threads");

        assertNothingLeft("atomic-p");
    }

    @Test
    void aRuleWhoseThreadsCannotStartWhenChaosIsEnabledIsDisarmedAndReported() {
        monkey.disable();
        monkey.arm("resource -> cpu(threads=2, load=0.2) id=atomic-e");
        monkey.addListener(events::add);
        failStartsAfter(1, new OutOfMemoryError(NATIVE_THREAD_OOM));

        monkey.enable();

        assertThat(events).extracting(ChaosEvent::type).contains(ChaosEvent.Type.DISARMED);
        assertNothingLeft("atomic-e");
        assertThat(monkey.isEnabled()).isTrue();
    }
}
