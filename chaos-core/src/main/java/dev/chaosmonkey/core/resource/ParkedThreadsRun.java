package dev.chaosmonkey.core.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import dev.chaosmonkey.core.ResourceFault;

/** Running thread exhaustion: threads of its own, each waiting until the fault stops. */
final class ParkedThreadsRun implements ResourceFault.Running {
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger busy = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();

    /** Starts {@code count} waiting threads. */
    public ParkedThreadsRun(String ruleId, int count) {
        try {
            for (int i = 0; i < count; i++) {
                threads.add(ChaosThreads.start(ruleId, "parked-" + i, this::park));
            }
        } catch (OutOfMemoryError e) {
            // "unable to create native thread": release what was started and fail arming with a clear message
            stop();
            throw new IllegalArgumentException("threads: could only start " + threads.size() + " of " + count
                    + " threads: " + e.getMessage());
        } catch (Throwable t) {
            stop();
            throw t;
        }
    }

    private void park() {
        ChaosThreads.holdUntilReleased(release, busy);
    }

    @Override
    public void stop() {
        release.countDown();
        ChaosThreads.joinAll(threads, 2000);
    }

    @Override
    public Map<String, Long> holdings() {
        return Map.of(ThreadExhaustionFault.THREADS_BUSY, (long) busy.get());
    }
}
