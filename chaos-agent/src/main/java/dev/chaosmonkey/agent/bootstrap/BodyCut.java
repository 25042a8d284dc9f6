package dev.chaosmonkey.agent.bootstrap;

/**
 * Where a response-body fault acts on one real body, shared by the stream wrappers of every client: how many bytes
 * may pass now, when the cut (reset or truncation) is reached, and the dribble's holds. One reader at a time, like
 * the body it wraps.
 */
public final class BodyCut {
    private final FiredFault fault;
    private final int mode;
    /** Bytes before the cut; {@code Long.MAX_VALUE} for a dribble. */
    private final long limit;
    private final long chunk;
    private final long pauseNanos;
    /** The length the response declared, -1 when unknown. */
    private final long declaredLength;
    private long delivered;
    /** A dribble the rule stopped (the kill switch): the rest of the body passes at once. */
    private boolean released;

    private BodyCut(FiredFault fault, long declaredLength) {
        this.fault = fault;
        this.mode = fault.bodyMode();
        this.limit = mode == FiredFault.BODY_DRIBBLE ? Long.MAX_VALUE : fault.bodyAfterBytes();
        this.chunk = Math.max(1, fault.bodyChunkBytes());
        this.pauseNanos = fault.bodyChunkPauseNanos();
        this.declaredLength = declaredLength;
    }

    /**
     * The cut for a body of {@code declaredLength} bytes (-1: unknown), or {@code null} when the fault cannot act on
     * it: a reset or truncation after at least as many bytes as the body has.
     */
    public static BodyCut of(FiredFault fault, long declaredLength) {
        int mode = fault.bodyMode();
        if (mode < 0 || mode != FiredFault.BODY_DRIBBLE && (fault.bodyAfterBytes() < 0
                || declaredLength >= 0 && declaredLength <= fault.bodyAfterBytes())) {
            return null;
        }
        return new BodyCut(fault, declaredLength);
    }

    /** Whether the cut is a reset (else a truncation); a dribble has none. */
    public boolean resets() {
        return mode == FiredFault.BODY_RESET;
    }

    /** Whether the fault dribbles the body. */
    public boolean dribbles() {
        return mode == FiredFault.BODY_DRIBBLE;
    }

    /** The length the response declared, -1 when unknown. */
    public long declaredLength() {
        return declaredLength;
    }

    /**
     * How many of {@code wanted} bytes may be read now: for a dribble one chunk, after holding the thread for it
     * (the whole of {@code wanted} once the rule was stopped); otherwise up to the cut, 0 when the cut is reached.
     */
    public int allow(int wanted) {
        if (mode == FiredFault.BODY_DRIBBLE) {
            if (!released && !fault.hold(pauseNanos)) {
                released = true;
            }
            return released ? wanted : (int) Math.min(wanted, chunk);
        }
        return (int) Math.min(wanted, limit - delivered);
    }

    /** For a dribble of a body pushed in pieces: holds the thread for {@code bytes}' share of the rate. */
    public void hold(long bytes) {
        for (long left = bytes; left > 0 && !released; left -= chunk) {
            if (!fault.hold(pauseNanos)) {
                released = true;
            }
        }
    }

    /** Bytes that may still pass before the cut ({@code Long.MAX_VALUE} - delivered for a dribble). */
    public long room() {
        return limit - delivered;
    }

    /** Counts bytes passed to the reader. */
    public void delivered(long n) {
        delivered += n;
    }

    /** Bytes passed to the reader so far. */
    public long deliveredBytes() {
        return delivered;
    }

    /** Labels the client exception raised at the cut as injected by the rule. */
    public Throwable label(Throwable t) {
        return fault.label(t);
    }
}
