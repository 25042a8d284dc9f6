package dev.chaosmonkey.core.resource;

import dev.chaosmonkey.core.internal.ChaosLog;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import dev.chaosmonkey.core.ResourceFault;

/**
 * Running executor exhaustion: blocking tasks handed to an application executor. They are submitted from a chaos
 * thread, never the arming thread, because a {@code CallerRunsPolicy} would run a rejected blocker in the submitter.
 * On stop the blockers still queued are removed and the running ones are released.
 */
final class ExecutorFillRun implements ResourceFault.Running {
    /** Queues with more free room than this are treated as unbounded. */
    private static final int UNBOUNDED = 100_000;

    private final ExecutorService executor;
    private final int count;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger busy = new AtomicInteger();
    private final List<Runnable> submitted = new CopyOnWriteArrayList<>();
    private final Thread filler;
    private volatile boolean stopped;

    /** Starts submitting {@code count} blocking tasks to {@code executor}. */
    public ExecutorFillRun(String ruleId, ExecutorService executor, int count) {
        this.executor = executor;
        this.count = count;
        this.filler = ChaosThreads.start(ruleId, "executor-filler", this::fill);
    }

    /**
     * How many blocking tasks fill an executor.
     *
     * @throws IllegalArgumentException for executor types whose capacity cannot be known
     */
    public static int fillCount(String name, ExecutorService executor) {
        if (executor instanceof ThreadPoolExecutor) {
            ThreadPoolExecutor pool = (ThreadPoolExecutor) executor;
            BlockingQueue<Runnable> queue = pool.getQueue();
            int room = queue.remainingCapacity();
            int fill = room > UNBOUNDED ? Math.max(pool.getCorePoolSize(), 1)
                    : pool.getMaximumPoolSize() + room;
            return Math.min(fill, ThreadExhaustionFault.MAX_COUNT);
        }
        if (executor instanceof ForkJoinPool) {
            return ((ForkJoinPool) executor).getParallelism();
        }
        throw new IllegalArgumentException("threads: executor '" + name + "' is a " + executor.getClass().getName()
                + " whose capacity is unknown; give count=<tasks to block>");
    }

    private void fill() {
        for (int i = 0; i < count && !stopped; i++) {
            Runnable blocker = this::block;
            try {
                executor.execute(blocker);
            } catch (RejectedExecutionException e) {
                ChaosLog.info("chaos: executor full after " + i + " blocking task(s)");
                return;
            }
            // counted once accepted; a blocker that runs after stop() returns at once, so a late add is harmless
            submitted.add(blocker);
        }
    }

    private void block() {
        if (stopped) {
            return;
        }
        ChaosThreads.holdUntilReleased(release, busy);
    }

    @Override
    public void stop() {
        stopped = true;
        release.countDown();
        filler.interrupt();
        ChaosThreads.joinAll(List.of(filler), 1000);
        if (executor instanceof ThreadPoolExecutor) {
            for (Runnable r : submitted) {
                ((ThreadPoolExecutor) executor).remove(r);
            }
        }
        submitted.clear();
    }

    @Override
    public Map<String, Long> holdings() {
        return Map.of(ThreadExhaustionFault.THREADS_BUSY, (long) busy.get(), ThreadExhaustionFault.TASKS_SUBMITTED,
                (long) submitted.size());
    }
}
