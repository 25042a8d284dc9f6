package dev.chaosmonkey.core.resource;

import java.util.Map;

import dev.chaosmonkey.core.ResourceFault;

/**
 * Raises garbage-collection load: one thread allocates short-lived arrays at a rate and retains none of them.
 *
 * <pre>
 * resource -&gt; gc-pressure(rate=200MB/s)
 * resource -&gt; gc-pressure(heavy)
 * </pre>
 *
 * Presets: light = 50MB/s, medium = 200MB/s, heavy = 1GB/s. Holdings: {@value #BYTES_ALLOCATED} (garbage created so
 * far), {@value #THREADS_BUSY}.
 */
public final class GcPressureFault extends ResourceFault {
    /** Holdings key: garbage bytes allocated since the fault started. */
    public static final String BYTES_ALLOCATED = "bytesAllocated";
    /** Holdings key: allocating threads running (0 or 1). */
    public static final String THREADS_BUSY = "threadsBusy";
    /** Highest accepted rate: 16 GB/s. */
    public static final long MAX_RATE = 16L << 30;

    private static final long MB = 1L << 20;

    private final long rateBytesPerSecond;

    private GcPressureFault(long rateBytesPerSecond) {
        if (rateBytesPerSecond <= 0 || rateBytesPerSecond > MAX_RATE) {
            throw new IllegalArgumentException("gc-pressure: rate must be above 0 and at most 16GB/s, was "
                    + rateBytesPerSecond + " bytes/s");
        }
        this.rateBytesPerSecond = rateBytesPerSecond;
    }

    /** Allocates garbage at {@code bytesPerSecond}. */
    public static GcPressureFault atRate(long bytesPerSecond) {
        return new GcPressureFault(bytesPerSecond);
    }

    /** A preset: light = 50MB/s, medium = 200MB/s, heavy = 1GB/s. */
    public static GcPressureFault of(Intensity intensity) {
        switch (intensity) {
            case LIGHT:
                return new GcPressureFault(50 * MB);
            case MEDIUM:
                return new GcPressureFault(200 * MB);
            default:
                return new GcPressureFault(1024 * MB);
        }
    }

    /**
     * Builds the fault from spec arguments ({@code rate} or a preset; none means medium); used by the spec parser.
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    public static GcPressureFault fromArguments(Map<String, String> arguments) {
        ResourceArgs args = new ResourceArgs("gc-pressure", arguments);
        args.onlyKnown("rate");
        Intensity preset = Intensity.fromPositional("gc-pressure", args.positional(), "rate=200MB/s");
        GcPressureFault base = of(preset == null ? Intensity.MEDIUM : preset);
        long rate = args.rate("rate", base.rateBytesPerSecond);
        if (rate > MAX_RATE) {
            throw args.error("rate", args.raw("rate"), "is above the maximum of 16GB/s");
        }
        return new GcPressureFault(rate);
    }

    /** Bytes of garbage per second. */
    public long rateBytesPerSecond() {
        return rateBytesPerSecond;
    }

    @Override
    public String kind() {
        return "gc-pressure";
    }

    @Override
    public Running start(String ruleId) {
        return new GcPressureRun(ruleId, rateBytesPerSecond);
    }

    @Override
    public String toSpec() {
        return "gc-pressure(rate=" + ResourceArgs.formatSize(rateBytesPerSecond) + "/s)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GcPressureFault && rateBytesPerSecond == ((GcPressureFault) o).rateBytesPerSecond;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(rateBytesPerSecond);
    }
}
