package dev.chaosmonkey.core.resource;

import java.util.Map;
import java.util.Objects;

import dev.chaosmonkey.core.ResourceFault;

/**
 * Burns CPU: {@code threads} threads each busy for {@code load} (0..1) of every 100 ms period, measured with the
 * thread's own CPU time ({@link java.lang.management.ThreadMXBean#getCurrentThreadCpuTime()}; wall time where the
 * JVM cannot measure it), so a thread that gets less CPU than asked because the machine is busy does not try to
 * catch up.
 *
 * <pre>
 * resource -&gt; cpu(threads=2, load=0.8)
 * resource -&gt; cpu(heavy)
 * </pre>
 *
 * Presets: light = 1 thread at 0.3, medium = 2 threads at 0.5, heavy = 4 threads at 0.9. Holdings:
 * {@value #THREADS_BUSY}, {@value #CPU_TIME_NANOS}.
 */
public final class CpuBurnFault extends ResourceFault {
    /** Holdings key: burning threads alive. */
    public static final String THREADS_BUSY = "threadsBusy";
    /** Holdings key: CPU time the burning threads consumed so far, in nanoseconds. */
    public static final String CPU_TIME_NANOS = "cpuTimeNanos";
    /** Most threads one fault may start. */
    public static final int MAX_THREADS = 256;

    private final int threads;
    private final double load;

    private CpuBurnFault(int threads, double load) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("cpu: threads must be from 1 to " + MAX_THREADS + ", was " + threads);
        }
        if (!(load > 0 && load <= 1)) {
            throw new IllegalArgumentException("cpu: load must be above 0 and at most 1, was " + load);
        }
        this.threads = threads;
        this.load = load;
    }

    /** {@code threads} threads each busy for {@code load} (above 0, at most 1) of the time. */
    public static CpuBurnFault of(int threads, double load) {
        return new CpuBurnFault(threads, load);
    }

    /** A preset: light = 1 thread at 0.3, medium = 2 threads at 0.5, heavy = 4 threads at 0.9. */
    public static CpuBurnFault of(Intensity intensity) {
        switch (intensity) {
            case LIGHT:
                return new CpuBurnFault(1, 0.3);
            case MEDIUM:
                return new CpuBurnFault(2, 0.5);
            default:
                return new CpuBurnFault(4, 0.9);
        }
    }

    /**
     * Builds the fault from spec arguments ({@code threads}, {@code load}, a preset; none means medium); used by the
     * spec parser.
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    public static CpuBurnFault fromArguments(Map<String, String> arguments) {
        ResourceArgs args = new ResourceArgs("cpu", arguments);
        args.onlyKnown("threads", "load");
        Intensity preset = Intensity.fromPositional("cpu", args.positional(), "threads=2, load=0.8");
        CpuBurnFault base = of(preset == null ? Intensity.MEDIUM : preset);
        return new CpuBurnFault(args.count("threads", 1, MAX_THREADS, base.threads),
                args.fraction("load", 1, base.load));
    }

    /** Number of burning threads. */
    public int threads() {
        return threads;
    }

    /** Target busy fraction of each thread. */
    public double load() {
        return load;
    }

    @Override
    public String kind() {
        return "cpu";
    }

    @Override
    public Running start(String ruleId) {
        return new CpuBurnRun(ruleId, threads, load);
    }

    @Override
    public String toSpec() {
        return "cpu(threads=" + threads + ", load=" + ResourceArgs.format(load) + ")";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CpuBurnFault)) {
            return false;
        }
        CpuBurnFault f = (CpuBurnFault) o;
        return threads == f.threads && Double.compare(load, f.load) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(threads, load);
    }
}
