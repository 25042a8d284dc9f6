package dev.chaosmonkey.junit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.junit.ChaosControl;
import dev.chaosmonkey.junit.ChaosExperiment;
import dev.chaosmonkey.junit.Fault;
import dev.chaosmonkey.junit.ProbeOutcome;
import dev.chaosmonkey.junit.SteadyStateProbe;

/**
 * Run through EngineTestKit in parallel mode: two experiments fault the same point ({@code custom name=inventory})
 * at the same time, each with its own message, and each must see only its own. The point stands for a remote call
 * with a cached fallback: a {@code ConnectException} there is answered by the fallback (DEGRADED), so the SLOs hold.
 */
public final class ScopedParallelExamples {
    /** Calls each experiment's body makes while both experiments' faults are armed. */
    public static final int BODY_CALLS = 25;
    /** Both bodies count down once their programmatic fault is armed, then wait for the other one. */
    public static volatile CountDownLatch bothArmed = new CountDownLatch(2);
    /** Per experiment ("A", "B"): injected messages it saw, with counts. */
    public static final Map<String, Map<String, AtomicLong>> SEEN = new ConcurrentHashMap<>();
    /** Per experiment: the scope name ChaosControl reported. */
    public static final Map<String, String> SCOPES = new ConcurrentHashMap<>();

    private ScopedParallelExamples() {
    }

    /** Prepares a new run. */
    public static void reset() {
        bothArmed = new CountDownLatch(2);
        SEEN.clear();
        SCOPES.clear();
    }

    /** What both experiments share: the faulted call, the probe, the body. */
    abstract static class Side {
        abstract String side();

        /** The remote call: false when it failed and the (cached) fallback answered. */
        boolean stock() {
            try {
                ChaosMonkey.global().check("inventory", ConnectException.class);
                return true;
            } catch (ConnectException e) {
                SEEN.computeIfAbsent(side(), k -> new ConcurrentHashMap<>())
                        .computeIfAbsent(String.valueOf(e.getMessage()), k -> new AtomicLong()).incrementAndGet();
                return false;
            }
        }

        @SteadyStateProbe
        ProbeOutcome probe() {
            return stock() ? ProbeOutcome.HEALTHY : ProbeOutcome.DEGRADED;
        }

        void bothFaultedAtOnce(ChaosControl chaos) throws InterruptedException {
            SCOPES.put(side(), chaos.scope());
            String id = chaos.arm("custom name=inventory -> exception(java.net.ConnectException, \"" + side()
                    + " down\")");
            bothArmed.countDown();
            assertTrue(bothArmed.await(30, TimeUnit.SECONDS), "the other experiment never armed its fault while"
                    + " this one's was armed: the experiments did not run at the same time");
            int failed = 0;
            for (int i = 0; i < BODY_CALLS; i++) {
                if (!stock()) {
                    failed++;
                }
            }
            assertEquals(BODY_CALLS, failed, "every call in the scope meets the armed fault");
            chaos.disarm(id);
            chaos.awaitRecovery();
        }
    }

    /** First experiment. */
    public static class ScopedA extends Side {
        @Override
        String side() {
            return "A";
        }

        @Test
        @ChaosExperiment(hypothesis = "inventory down for A only: A's fallback answers", faultWindow = "400ms",
                baseline = "150ms", sampleInterval = "20ms")
        @Fault("custom name=inventory -> exception(java.net.ConnectException, \"A down\")")
        void outageA(ChaosControl chaos) throws InterruptedException {
            bothFaultedAtOnce(chaos);
        }
    }

    /** Second experiment: the same point, another message. */
    public static class ScopedB extends Side {
        @Override
        String side() {
            return "B";
        }

        @Test
        @ChaosExperiment(hypothesis = "inventory down for B only: B's fallback answers", faultWindow = "400ms",
                baseline = "150ms", sampleInterval = "20ms")
        @Fault("custom name=inventory -> exception(java.net.ConnectException, \"B down\")")
        void outageB(ChaosControl chaos) throws InterruptedException {
            bothFaultedAtOnce(chaos);
        }
    }
}
