package dev.chaosmonkey.core.resource;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.chaosmonkey.core.ResourceFault;

/**
 * A running memory leak: retains byte arrays in a list until stopped, then drops the list so that the garbage
 * collector can reclaim it.
 *
 * <p>Chunks are just under 64 KiB: small enough to never be humongous objects in G1 (even with 1 MiB regions) and to
 * waste little heap, so that the bytes counted are close to the heap really used.
 */
final class MemoryLeakRun implements ResourceFault.Running {
    /** Size of one retained array. */
    static final int CHUNK = 64 * 1024 - 64;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final long rateBytesPerSecond;
    private final long perCallBytes;
    private final long capBytes;
    private final long heapLimit;
    private final Thread thread;
    private ArrayList<byte[]> retained = new ArrayList<>();
    private volatile long retainedBytes;
    private volatile boolean stopped;

    /**
     * @param rateBytesPerSecond background rate, 0 for none
     * @param perCallBytes bytes per injected call, 0 for none; with neither, the cap is retained at once
     * @param capBytes never retain more
     * @param heapLimit pause while heap in use plus the next chunk would exceed this ({@code Long.MAX_VALUE}: off)
     */
    public MemoryLeakRun(String ruleId, long rateBytesPerSecond, long perCallBytes, long capBytes, long heapLimit) {
        this.rateBytesPerSecond = rateBytesPerSecond;
        this.perCallBytes = perCallBytes;
        this.capBytes = capBytes;
        this.heapLimit = heapLimit;
        this.thread = perCallBytes > 0 ? null : ChaosThreads.start(ruleId, "leak", this::leakInBackground);
    }

    private void leakInBackground() {
        long start = System.nanoTime();
        while (!stopped && retainedBytes < capBytes) {
            long allowed = capBytes;
            if (rateBytesPerSecond > 0) {
                double seconds = (System.nanoTime() - start) / 1e9;
                allowed = (long) Math.min(capBytes, rateBytesPerSecond * seconds);
            }
            while (!stopped && retainedBytes < allowed) {
                if (!retainChunk(allowed - retainedBytes)) {
                    break;
                }
            }
            LockSupport.parkNanos(TICK_NANOS);
        }
    }

    /** Retains one chunk of at most {@code wanted} bytes; false when capped, guarded or stopped. */
    private boolean retainChunk(long wanted) {
        long n = Math.min(Math.min(CHUNK, wanted), capBytes - retainedBytes);
        if (n <= 0 || stopped) {
            return false;
        }
        if (heapLimit != Long.MAX_VALUE) {
            Runtime rt = Runtime.getRuntime();
            if (rt.totalMemory() - rt.freeMemory() + n > heapLimit) {
                return false;
            }
        }
        byte[] chunk = new byte[(int) n];
        synchronized (this) {
            if (stopped || retainedBytes + n > capBytes) {
                return false;
            }
            retained.add(chunk);
            retainedBytes += n;
        }
        return true;
    }

    @Override
    public void onInjectedCall() {
        long left = perCallBytes;
        while (left > 0 && retainChunk(left)) {
            left -= Math.min(CHUNK, left);
        }
    }

    @Override
    public void stop() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
            ChaosThreads.joinAll(java.util.List.of(thread), 1000);
        }
        synchronized (this) {
            retained = new ArrayList<>();
            retainedBytes = 0;
        }
    }

    @Override
    public Map<String, Long> holdings() {
        return Map.of(dev.chaosmonkey.core.resource.MemoryLeakFault.BYTES_RETAINED, retainedBytes,
                dev.chaosmonkey.core.resource.MemoryLeakFault.CAP_BYTES, capBytes);
    }
}
