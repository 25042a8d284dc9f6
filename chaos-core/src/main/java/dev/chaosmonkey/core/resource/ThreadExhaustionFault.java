package dev.chaosmonkey.core.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

import dev.chaosmonkey.core.ResourceFault;

/**
 * Exhausts threads: parks {@code count} new threads until the rule ends, or occupies a registered executor (see
 * {@link ResourceTargets}) with tasks that block until the rule ends, so that the application's own tasks queue up
 * or are rejected.
 *
 * <pre>
 * resource -&gt; threads(count=50)
 * resource -&gt; threads(executor=orders-pool)            fill the pool's threads and queue
 * resource -&gt; threads(executor=orders-pool, count=4)   block 4 of its threads
 * </pre>
 *
 * <p>Without {@code count}, an executor is filled: for a {@link java.util.concurrent.ThreadPoolExecutor} its maximum
 * pool size plus the free room of a bounded queue (its core size with an unbounded queue), for a
 * {@link java.util.concurrent.ForkJoinPool} its parallelism; other executors need {@code count}. Presets (count):
 * light = 10, medium = 50, heavy = 200. Holdings: {@value #THREADS_BUSY}, {@value #TASKS_SUBMITTED} (executor
 * only).
 */
public final class ThreadExhaustionFault extends ResourceFault {
    /** Holdings key: threads currently blocked by the fault. */
    public static final String THREADS_BUSY = "threadsBusy";
    /** Holdings key: blocking tasks handed to the executor (running or queued). */
    public static final String TASKS_SUBMITTED = "tasksSubmitted";
    /** Most threads or tasks one fault may block. */
    public static final int MAX_COUNT = 10_000;

    private final int count;
    private final String executor;

    private ThreadExhaustionFault(int count, String executor) {
        if (count < 0 || count > MAX_COUNT || count == 0 && executor == null) {
            throw new IllegalArgumentException("threads: count must be from 1 to " + MAX_COUNT + ", was " + count);
        }
        this.count = count;
        this.executor = executor;
    }

    /** Parks {@code count} new threads. */
    public static ThreadExhaustionFault parking(int count) {
        return new ThreadExhaustionFault(count, null);
    }

    /** Fills the executor registered as {@code executorName}. */
    public static ThreadExhaustionFault filling(String executorName) {
        return new ThreadExhaustionFault(0, Objects.requireNonNull(executorName, "executorName"));
    }

    /** Blocks {@code count} tasks' worth of the executor registered as {@code executorName}. */
    public static ThreadExhaustionFault blocking(String executorName, int count) {
        if (count == 0) {
            throw new IllegalArgumentException("threads: count must be from 1 to " + MAX_COUNT + ", was 0");
        }
        return new ThreadExhaustionFault(count, Objects.requireNonNull(executorName, "executorName"));
    }

    /** A preset: parks light = 10, medium = 50, heavy = 200 threads. */
    public static ThreadExhaustionFault of(Intensity intensity) {
        return new ThreadExhaustionFault(presetCount(intensity), null);
    }

    private static int presetCount(Intensity intensity) {
        switch (intensity) {
            case LIGHT:
                return 10;
            case MEDIUM:
                return 50;
            default:
                return 200;
        }
    }

    /**
     * Builds the fault from spec arguments ({@code count}, {@code executor}, a preset; none means medium); used by
     * the spec parser.
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    public static ThreadExhaustionFault fromArguments(Map<String, String> arguments) {
        ResourceArgs args = new ResourceArgs("threads", arguments);
        args.onlyKnown("count", "executor");
        Intensity preset = Intensity.fromPositional("threads", args.positional(),
                "count=50 or executor=orders-pool");
        String executor = args.name("executor");
        int absent = preset != null ? presetCount(preset) : executor != null ? 0 : presetCount(Intensity.MEDIUM);
        return new ThreadExhaustionFault(args.count("count", 1, MAX_COUNT, absent), executor);
    }

    /** Threads to park or tasks to block; 0 means "fill the executor". */
    public int count() {
        return count;
    }

    /** The registered executor's name, or {@code null} when the fault parks its own threads. */
    public String executor() {
        return executor;
    }

    @Override
    public String kind() {
        return "threads";
    }

    @Override
    public Running start(String ruleId) {
        if (executor == null) {
            return new ParkedThreadsRun(ruleId, count);
        }
        ExecutorService service = ResourceTargets.executor(executor);
        if (service.isShutdown()) {
            throw new IllegalArgumentException("executor '" + executor + "' is shut down");
        }
        return new ExecutorFillRun(ruleId, service, count == 0 ? ExecutorFillRun.fillCount(executor, service) : count);
    }

    @Override
    public String toSpec() {
        List<String> parts = new ArrayList<>();
        if (executor != null) {
            parts.add("executor=" + executor);
        }
        if (count > 0) {
            parts.add("count=" + count);
        }
        return "threads(" + String.join(", ", parts) + ")";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ThreadExhaustionFault)) {
            return false;
        }
        ThreadExhaustionFault f = (ThreadExhaustionFault) o;
        return count == f.count && Objects.equals(executor, f.executor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(count, executor);
    }
}
