package dev.chaosmonkey.core.resource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.chaosmonkey.core.ResourceFault;

/** A running GC-pressure fault: one thread allocating arrays it drops at once. */
final class GcPressureRun implements ResourceFault.Running {
    private static final int CHUNK = 32 * 1024;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final long rateBytesPerSecond;
    private final AtomicLong allocated = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopped;
    /** Written (never read back) so that the JIT cannot prove the arrays dead and skip allocating them. */
    @SuppressWarnings("unused")
    private volatile byte[] sink;

    /** Starts allocating at {@code rateBytesPerSecond}. */
    public GcPressureRun(String ruleId, long rateBytesPerSecond) {
        this.rateBytesPerSecond = rateBytesPerSecond;
        this.thread = ChaosThreads.start(ruleId, "gc-pressure", this::allocate);
    }

    private void allocate() {
        long start = System.nanoTime();
        long done = 0;
        while (!stopped) {
            long due = (long) (rateBytesPerSecond * ((System.nanoTime() - start) / 1e9));
            if (due - done > rateBytesPerSecond) {
                // the machine cannot keep up: forget the backlog instead of bursting later
                done = due - rateBytesPerSecond;
            }
            while (done < due && !stopped) {
                byte[] garbage = new byte[CHUNK];
                garbage[CHUNK - 1] = 1;
                sink = garbage;
                done += CHUNK;
                allocated.addAndGet(CHUNK);
            }
            sink = null;
            LockSupport.parkNanos(TICK_NANOS);
        }
    }

    @Override
    public void stop() {
        stopped = true;
        thread.interrupt();
        ChaosThreads.joinAll(List.of(thread), 1000);
    }

    @Override
    public Map<String, Long> holdings() {
        return Map.of(GcPressureFault.BYTES_ALLOCATED, allocated.get(), GcPressureFault.THREADS_BUSY,
                thread.isAlive() ? 1L : 0L);
    }
}
