package dev.chaosmonkey.core.resource;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.chaosmonkey.core.ResourceFault;

/** A running CPU burn: threads that alternate between spinning and parking within fixed periods. */
final class CpuBurnRun implements ResourceFault.Running {
    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int SPINS_PER_CHECK = 20_000;

    private final double load;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicLong cpuNanos = new AtomicLong();
    private volatile boolean stopped;
    /** Result of the spinning, published so that the JIT cannot drop the work. */
    @SuppressWarnings("unused")
    private volatile long sink;

    /** Starts {@code threadCount} burning threads. */
    public CpuBurnRun(String ruleId, int threadCount, double load) {
        this.load = load;
        try {
            for (int i = 0; i < threadCount; i++) {
                threads.add(ChaosThreads.start(ruleId, "cpu-" + i, this::burn));
            }
        } catch (Throwable t) {
            // e.g. "unable to create native thread": the threads already burning must not outlive the failed arming
            stop();
            throw t;
        }
    }

    private void burn() {
        busy.incrementAndGet();
        try {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            boolean measured = mx.isCurrentThreadCpuTimeSupported() && mx.isThreadCpuTimeEnabled();
            long busyTarget = (long) (load * PERIOD_NANOS);
            long x = System.nanoTime() | 1;
            while (!stopped) {
                long wall0 = System.nanoTime();
                long cpu0 = measured ? mx.getCurrentThreadCpuTime() : wall0;
                long spent;
                while (true) {
                    for (int i = 0; i < SPINS_PER_CHECK; i++) {
                        x ^= x << 13;
                        x ^= x >>> 7;
                        x ^= x << 17;
                    }
                    long now = System.nanoTime();
                    spent = (measured ? mx.getCurrentThreadCpuTime() : now) - cpu0;
                    if (stopped || spent >= busyTarget || now - wall0 >= PERIOD_NANOS) {
                        break;
                    }
                }
                cpuNanos.addAndGet(spent);
                sink = x;
                long rest = wall0 + PERIOD_NANOS - System.nanoTime();
                if (rest > 0 && load < 1 && !stopped) {
                    LockSupport.parkNanos(rest);
                }
            }
        } finally {
            busy.decrementAndGet();
        }
    }

    @Override
    public void stop() {
        stopped = true;
        for (Thread t : threads) {
            t.interrupt();
        }
        ChaosThreads.joinAll(threads, 1000);
    }

    @Override
    public Map<String, Long> holdings() {
        return Map.of(CpuBurnFault.THREADS_BUSY, (long) busy.get(), CpuBurnFault.CPU_TIME_NANOS, cpuNanos.get());
    }
}
