package dev.chaosmonkey.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import dev.chaosmonkey.core.CapturedLog;

/**
 * The agent's premain holds INFO lines back ({@link ChaosLog#hold()}) so that its first line does not initialise the
 * logging system on the application's start-up path: nothing held is lost, the order is kept, warnings are never
 * held.
 */
@Isolated("holding is process-wide")
class ChaosLogHoldTest {
    private final CapturedLog log = new CapturedLog();

    @BeforeEach
    void listen() {
        log.start();
    }

    @AfterEach
    void tearDown() {
        ChaosLog.release();
        log.close();
    }

    /** Level and message of each record so far. */
    private List<String> logged() {
        return log.records().stream().map(r -> r.getLevel() + " " + r.getMessage()).toList();
    }

    @Test
    void heldInfoLinesComeOutInOrderOnRelease() {
        ChaosLog.hold();
        ChaosLog.info("hold-a");
        ChaosLog.info("hold-b");
        assertThat(logged()).noneMatch(m -> m.contains("hold-"));

        ChaosLog.release();
        assertThat(logged()).containsSubsequence("INFO hold-a", "INFO hold-b");

        ChaosLog.release();
        ChaosLog.info("hold-c");
        assertThat(logged().stream().filter(m -> m.contains("hold-"))).containsExactly("INFO hold-a", "INFO hold-b",
                "INFO hold-c");
    }

    @Test
    void aWarningReleasesWhatWasHeldAndIsLoggedAtOnce() {
        ChaosLog.hold();
        ChaosLog.info("warn-a");
        ChaosLog.warn("warn-b");
        ChaosLog.info("warn-c");

        assertThat(logged().stream().filter(m -> m.contains("warn-"))).containsExactly("INFO warn-a", "WARNING warn-b",
                "INFO warn-c");
    }

    @Test
    void whatIsHeldIsCappedAndTheRestCounted() {
        ChaosLog.hold();
        for (int i = 0; i < ChaosLog.MAX_HELD + 5; i++) {
            ChaosLog.info("cap-" + i);
        }
        ChaosLog.release();

        assertThat(logged().stream().filter(m -> m.contains("cap-"))).hasSize(ChaosLog.MAX_HELD);
        assertThat(logged()).contains("INFO 5 more chaos messages of the start were not kept");
    }
}
