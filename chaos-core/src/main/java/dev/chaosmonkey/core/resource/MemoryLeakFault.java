package dev.chaosmonkey.core.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.chaosmonkey.core.InjectionPoint;
import dev.chaosmonkey.core.ResourceFault;

/**
 * Simulates a memory leak: retains heap at a rate, all at once, or a fixed amount per injected call, up to a cap, and
 * releases it (for the garbage collector to reclaim) when the rule ends.
 *
 * <pre>
 * resource -&gt; leak(rate=10MB/s, cap=0.5)     10 MB more per second, up to half the max heap
 * resource -&gt; leak(cap=256MB)                256 MB at once
 * jdbc -&gt; leak(per-call=1MB) p=0.1           1 MB per injected JDBC call (any call point)
 * resource -&gt; leak(heavy)                    preset, see {@link #of(Intensity)}
 * </pre>
 *
 * <p>Guard: unless {@code allowOutOfMemory=true}, the leak never retains more than {@code guard} (default 0.8) of
 * the max heap and pauses while the heap in use would exceed that fraction, so the simulation degrades the
 * application (GC time, smaller headroom) without killing it. Holdings: {@value #BYTES_RETAINED},
 * {@value #CAP_BYTES}.
 */
public final class MemoryLeakFault extends ResourceFault {
    /** Holdings key: bytes the leak retains now. */
    public static final String BYTES_RETAINED = "bytesRetained";
    /** Holdings key: the cap in bytes after applying the heap guard. */
    public static final String CAP_BYTES = "capBytes";
    /** Default heap guard: never go beyond this fraction of the max heap. */
    public static final double DEFAULT_GUARD = 0.8;
    /** Default cap when none is given: this fraction of the max heap. */
    public static final double DEFAULT_CAP_FRACTION = 0.5;

    private static final long MB = 1L << 20;

    private final long rateBytesPerSecond;
    private final long perCallBytes;
    private final long capBytes;
    private final double capFraction;
    private final double guard;
    private final boolean allowOutOfMemory;

    private MemoryLeakFault(long rateBytesPerSecond, long perCallBytes, long capBytes, double capFraction,
            double guard, boolean allowOutOfMemory) {
        if (rateBytesPerSecond < 0 || perCallBytes < 0 || capBytes < 0) {
            throw new IllegalArgumentException("leak: rate, per-call and cap must not be negative");
        }
        if (rateBytesPerSecond > 0 && perCallBytes > 0) {
            throw new IllegalArgumentException("leak: rate= and per-call= cannot be combined (rate= leaks in the"
                    + " background at the resource point, per-call= on calls at a call point)");
        }
        if ((capBytes > 0) == (capFraction > 0)) {
            throw new IllegalArgumentException("leak: give the cap either in bytes or as a fraction of max heap");
        }
        if (capFraction > 1) {
            throw new IllegalArgumentException("leak: cap=" + ResourceArgs.format(capFraction)
                    + " must be a fraction of max heap between 0 and 1 (or a size such as 256MB)");
        }
        if (!(guard > 0 && guard < 1)) {
            throw new IllegalArgumentException("leak: guard=" + ResourceArgs.format(guard)
                    + " must be a fraction of max heap above 0 and below 1");
        }
        this.rateBytesPerSecond = rateBytesPerSecond;
        this.perCallBytes = perCallBytes;
        this.capBytes = capBytes;
        this.capFraction = capFraction;
        this.guard = guard;
        this.allowOutOfMemory = allowOutOfMemory;
    }

    /** Leaks {@code bytesPerSecond} in the background, up to half the max heap (change with the {@code with*}). */
    public static MemoryLeakFault atRate(long bytesPerSecond) {
        requirePositive("rate", bytesPerSecond);
        return new MemoryLeakFault(bytesPerSecond, 0, 0, DEFAULT_CAP_FRACTION, DEFAULT_GUARD, false);
    }

    /** Retains {@code bytes} at once. */
    public static MemoryLeakFault upTo(long bytes) {
        requirePositive("cap", bytes);
        return new MemoryLeakFault(0, 0, bytes, 0, DEFAULT_GUARD, false);
    }

    /** Retains {@code bytes} per injected call (for call points), up to half the max heap. */
    public static MemoryLeakFault perCall(long bytes) {
        requirePositive("per-call", bytes);
        return new MemoryLeakFault(0, bytes, 0, DEFAULT_CAP_FRACTION, DEFAULT_GUARD, false);
    }

    /**
     * A preset: light = 1MB/s up to 0.1 of max heap, medium = 10MB/s up to 0.25, heavy = 50MB/s up to 0.5.
     */
    public static MemoryLeakFault of(Intensity intensity) {
        switch (intensity) {
            case LIGHT:
                return new MemoryLeakFault(MB, 0, 0, 0.1, DEFAULT_GUARD, false);
            case MEDIUM:
                return new MemoryLeakFault(10 * MB, 0, 0, 0.25, DEFAULT_GUARD, false);
            default:
                return new MemoryLeakFault(50 * MB, 0, 0, 0.5, DEFAULT_GUARD, false);
        }
    }

    /** This leak capped at {@code bytes}. */
    public MemoryLeakFault withCapBytes(long bytes) {
        requirePositive("cap", bytes);
        return new MemoryLeakFault(rateBytesPerSecond, perCallBytes, bytes, 0, guard, allowOutOfMemory);
    }

    /** This leak capped at a fraction (0..1] of the max heap. */
    public MemoryLeakFault withCapFraction(double fraction) {
        return new MemoryLeakFault(rateBytesPerSecond, perCallBytes, 0, fraction, guard, allowOutOfMemory);
    }

    /** This leak with another heap guard fraction (0..1). */
    public MemoryLeakFault withGuard(double fraction) {
        return new MemoryLeakFault(rateBytesPerSecond, perCallBytes, capBytes, capFraction, fraction,
                allowOutOfMemory);
    }

    /** This leak without the heap guard: it may drive the JVM into {@link OutOfMemoryError}. */
    public MemoryLeakFault allowingOutOfMemory(boolean allow) {
        return new MemoryLeakFault(rateBytesPerSecond, perCallBytes, capBytes, capFraction, guard, allow);
    }

    /**
     * Builds the fault from spec arguments ({@code rate}, {@code cap}, {@code per-call}, {@code guard},
     * {@code allowOutOfMemory}, a preset); used by the spec parser.
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    public static MemoryLeakFault fromArguments(Map<String, String> arguments) {
        ResourceArgs args = new ResourceArgs("leak", arguments);
        args.onlyKnown("rate", "cap", "per-call", "guard", "allowOutOfMemory");
        List<String> positional = new ArrayList<>(args.positional());
        boolean allow = positional.remove("allowOutOfMemory") || args.bool("allowOutOfMemory", false);
        Intensity preset = Intensity.fromPositional("leak", positional, "rate=10MB/s, cap=0.5 or per-call=1MB");
        MemoryLeakFault base = preset != null ? of(preset)
                : args.isEmpty() ? of(Intensity.MEDIUM)
                : new MemoryLeakFault(0, 0, 0, DEFAULT_CAP_FRACTION, DEFAULT_GUARD, false);
        long rate = args.rate("rate", base.rateBytesPerSecond);
        long perCall = args.size("per-call", base.perCallBytes);
        long capB = base.capBytes;
        double capF = base.capFraction;
        String cap = args.raw("cap");
        if (cap != null) {
            double f = ResourceArgs.parseFraction(cap);
            if (!Double.isNaN(f)) {
                if (!(f > 0 && f <= 1)) {
                    throw args.error("cap", cap, "must be a fraction of max heap above 0 and at most 1, or a size"
                            + " such as 256MB");
                }
                capF = f;
                capB = 0;
            } else {
                capB = args.size("cap", 0);
                capF = 0;
            }
        }
        double g = args.fraction("guard", 0.99, base.guard);
        return new MemoryLeakFault(rate, perCall, capB, capF, g, allow);
    }

    private static void requirePositive(String what, long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("leak: " + what + " must be more than zero bytes, was " + bytes);
        }
    }

    /** Bytes per second leaked in the background; 0 when the leak is all at once or per call. */
    public long rateBytesPerSecond() {
        return rateBytesPerSecond;
    }

    /** Bytes retained per injected call; 0 for background leaks. */
    public long perCallBytes() {
        return perCallBytes;
    }

    /** The cap in bytes, or 0 when it is a fraction. */
    public long capBytes() {
        return capBytes;
    }

    /** The cap as a fraction of max heap, or 0 when it is in bytes. */
    public double capFraction() {
        return capFraction;
    }

    /** The heap guard fraction. */
    public double guard() {
        return guard;
    }

    /** Whether the guard is off. */
    public boolean allowOutOfMemory() {
        return allowOutOfMemory;
    }

    /** The cap in bytes for a heap of {@code maxHeap} bytes, guard applied. */
    public long effectiveCap(long maxHeap) {
        long cap = capBytes > 0 ? capBytes : (long) (capFraction * maxHeap);
        if (!allowOutOfMemory) {
            cap = Math.min(cap, guardBytes(maxHeap));
        }
        return cap;
    }

    private long guardBytes(long maxHeap) {
        return (long) (guard * maxHeap);
    }

    @Override
    public String kind() {
        return "leak";
    }

    @Override
    protected boolean allowedAt(InjectionPoint point) {
        if (point == InjectionPoint.RESOURCE) {
            if (perCallBytes > 0) {
                throw new IllegalArgumentException("leak(per-call=...) leaks on calls: use it at a call point"
                        + " (jdbc, http, kafka, method or custom), e.g. jdbc -> leak(per-call=1MB)");
            }
            return true;
        }
        if (perCallBytes == 0) {
            throw new IllegalArgumentException("leak at the " + point.specName() + " point needs per-call=<size>"
                    + " (background leaks belong to the resource point: resource -> " + toSpec() + ")");
        }
        return true;
    }

    @Override
    public Running start(String ruleId) {
        long maxHeap = Runtime.getRuntime().maxMemory();
        long heapLimit = allowOutOfMemory ? Long.MAX_VALUE : guardBytes(maxHeap);
        return new MemoryLeakRun(ruleId, rateBytesPerSecond, perCallBytes, effectiveCap(maxHeap), heapLimit);
    }

    @Override
    public String toSpec() {
        List<String> parts = new ArrayList<>();
        if (rateBytesPerSecond > 0) {
            parts.add("rate=" + ResourceArgs.formatSize(rateBytesPerSecond) + "/s");
        }
        if (perCallBytes > 0) {
            parts.add("per-call=" + ResourceArgs.formatSize(perCallBytes));
        }
        parts.add("cap=" + (capBytes > 0 ? ResourceArgs.formatSize(capBytes) : ResourceArgs.format(capFraction)));
        if (guard != DEFAULT_GUARD) {
            parts.add("guard=" + ResourceArgs.format(guard));
        }
        if (allowOutOfMemory) {
            parts.add("allowOutOfMemory=true");
        }
        return "leak(" + String.join(", ", parts) + ")";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MemoryLeakFault)) {
            return false;
        }
        MemoryLeakFault f = (MemoryLeakFault) o;
        return rateBytesPerSecond == f.rateBytesPerSecond && perCallBytes == f.perCallBytes && capBytes == f.capBytes
                && Double.compare(capFraction, f.capFraction) == 0 && Double.compare(guard, f.guard) == 0
                && allowOutOfMemory == f.allowOutOfMemory;
    }

    @Override
    public int hashCode() {
        return Objects.hash(rateBytesPerSecond, perCallBytes, capBytes, capFraction, guard, allowOutOfMemory);
    }
}
