package dev.chaosmonkey.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.chaosmonkey.core.ChaosMonkey;

/**
 * How fast the kill switch frees calls that are already held: {@code threads} threads wait inside a
 * {@code delay(60s)} (or {@code timeout(60s)}); the time from just before {@code disarm(id)}, {@code disarmAll()} or
 * {@code disable()} to each thread's return from {@code ChaosMonkey.check}, over {@code rounds} rounds.
 */
public final class ReleaseLatency {
    /** How the held calls are stopped. */
    public enum Trigger {
        /** {@code disarm(id)}. */
        DISARM("disarm(id)", m -> m.disarm("held")),
        /** {@code disarmAll()}, the kill switch. */
        DISARM_ALL("disarmAll()", ChaosMonkey::disarmAll),
        /** {@code disable()}. */
        DISABLE("disable()", ChaosMonkey::disable);

        final String label;
        final Consumer<ChaosMonkey> action;

        Trigger(String label, Consumer<ChaosMonkey> action) {
            this.label = label;
            this.action = action;
        }
    }

    /** Release latency statistics in milliseconds, over every released thread of every round. */
    public record Result(String trigger, String fault, int threads, int rounds, double p50Millis, double p99Millis,
            double maxMillis, int stillHeld) {
    }

    private ReleaseLatency() {
    }

    /** Measures one trigger on one fault ({@code delay(60s)} or {@code timeout(60s)}). */
    public static Result measure(Trigger trigger, String fault, int threads, int rounds) throws InterruptedException {
        if (threads <= 0 || rounds <= 0) {
            throw new IllegalArgumentException("threads and rounds must be positive, got " + threads + " and "
                    + rounds);
        }
        double[] latencies = new double[threads * rounds];
        int n = 0;
        int stillHeld = 0;
        for (int round = 0; round < rounds; round++) {
            try (ChaosMonkey monkey = ChaosMonkey.create()) {
                monkey.enable();
                monkey.arm("custom name=held -> " + fault + " id=held for=1h");
                long[] returned = new long[threads];
                List<Thread> held = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    int slot = i;
                    Thread t = new Thread(() -> {
                        try {
                            monkey.check("held");
                        } catch (RuntimeException e) {
                            // a released timeout does not throw; if it did, the latency still counts
                        }
                        returned[slot] = System.nanoTime();
                    }, "release-latency-" + i);
                    t.setDaemon(true);
                    held.add(t);
                    t.start();
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (monkey.heldCalls() < threads && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                // let every thread settle into its wait, so that the measurement is of waking, not of arriving
                Thread.sleep(20);
                long stop = System.nanoTime();
                trigger.action.accept(monkey);
                for (Thread t : held) {
                    t.join(TimeUnit.SECONDS.toMillis(30));
                    if (t.isAlive()) {
                        stillHeld++;
                        t.interrupt();
                    }
                }
                for (long r : returned) {
                    if (r != 0) {
                        latencies[n++] = (r - stop) / 1_000_000.0;
                    }
                }
            }
        }
        double[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        if (n == 0) {
            return new Result(trigger.label, fault, threads, rounds, Double.NaN, Double.NaN, Double.NaN, stillHeld);
        }
        return new Result(trigger.label, fault, threads, rounds, DelayAccuracy.percentile(sorted, 50),
                DelayAccuracy.percentile(sorted, 99), sorted[n - 1], stillHeld);
    }
}
