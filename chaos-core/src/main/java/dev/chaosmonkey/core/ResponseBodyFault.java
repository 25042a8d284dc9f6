package dev.chaosmonkey.core;

import java.util.Locale;

/**
 * A failure in the middle of a real HTTP response, shaped like the one the client reports for the real thing: the
 * call goes to the server and the fault acts on the response the client reads.
 * <ul>
 *   <li>{@code reset}: the connection is reset before any response (the request is not sent); the call fails with
 *   the exception the client raises for a peer reset.</li>
 *   <li>{@code reset(after=1KB)}: the real status and headers arrive, then reading the body fails like a reset after
 *   that many body bytes.</li>
 *   <li>{@code truncate(after=1KB)}: the body ends after that many bytes; where the response declared its length
 *   ({@code Content-Length} or chunked) the client reports the premature end as it does for a real one, else the
 *   body just ends.</li>
 *   <li>{@code dribble(rate=1KB/s)}: the body is delivered at that rate, in chunks of a tenth of a second's worth
 *   (at least one byte), each held for its share of the rate; the kill switch (and disarm, expiry) lets the rest of
 *   the body through at once.</li>
 * </ul>
 * Sizes are bytes, {@code KB} (1024) or {@code MB}; rates are a size per second ({@code 512B/s}, {@code 2KB/s}).
 * Only the {@code http} point has response bodies; clients whose bodies the agent cannot wrap fail the call with an
 * {@code IOException} naming the fault ({@code reset}: {@code java.net.SocketException: Connection reset}).
 */
public final class ResponseBodyFault extends Fault {
    /** Bodies and rates are bounded: a size beyond this is surely a typo. */
    static final long LARGEST = 1L << 40;

    private final String kind;
    /** Body bytes delivered before the failure; -1: before the response ({@code reset} alone). */
    private final long afterBytes;
    /** Dribble rate in bytes per second; 0 for the other kinds. */
    private final long bytesPerSecond;

    private ResponseBodyFault(String kind, long afterBytes, long bytesPerSecond) {
        this.kind = kind;
        this.afterBytes = afterBytes;
        this.bytesPerSecond = bytesPerSecond;
    }

    /** The connection is reset before any response. */
    public static ResponseBodyFault reset() {
        return new ResponseBodyFault("reset", -1, 0);
    }

    /** The connection is reset after {@code bytes} of the real body. */
    public static ResponseBodyFault resetAfter(long bytes) {
        return new ResponseBodyFault("reset", requireSize("reset after", bytes), 0);
    }

    /** The real body ends after {@code bytes}. */
    public static ResponseBodyFault truncateAfter(long bytes) {
        return new ResponseBodyFault("truncate", requireSize("truncate after", bytes), 0);
    }

    /** The real body is delivered at {@code bytesPerSecond}. */
    public static ResponseBodyFault dribble(long bytesPerSecond) {
        if (bytesPerSecond < 1 || bytesPerSecond > LARGEST) {
            throw new IllegalArgumentException("dribble rate must be 1 B/s to 1 TB/s, was " + bytesPerSecond);
        }
        return new ResponseBodyFault("dribble", -1, bytesPerSecond);
    }

    private static long requireSize(String what, long bytes) {
        if (bytes < 0 || bytes > LARGEST) {
            throw new IllegalArgumentException(what + " must be 0 to 1 TB, was " + bytes);
        }
        return bytes;
    }

    static ResponseBodyFault parseReset(FaultArgs args) {
        if (args.isEmpty()) {
            return reset();
        }
        return resetAfter(after(args, "reset", "reset or reset(after=1KB)"));
    }

    static ResponseBodyFault parseTruncate(FaultArgs args) {
        if (args.isEmpty()) {
            throw args.error(args.nameAt, "truncate needs the body bytes to keep, e.g. truncate(after=1KB)");
        }
        return truncateAfter(after(args, "truncate", "truncate(after=1KB)"));
    }

    static ResponseBodyFault parseDribble(FaultArgs args) {
        FaultArgs.Arg a = args.isEmpty() ? null : args.get(0);
        if (a == null || args.size() > 1 || !"rate".equals(a.key)) {
            throw args.error(a == null ? args.nameAt : a.at, "dribble takes the rate the body is delivered at,"
                    + " e.g. dribble(rate=1KB/s)");
        }
        String v = a.value;
        if (!v.toLowerCase(Locale.ROOT).endsWith("/s")) {
            throw args.error(a.at, "'" + v + "' is not a rate (a size per second, e.g. 1KB/s or 200B/s)");
        }
        long rate = size(args, a, v.substring(0, v.length() - 2));
        if (rate == 0) {
            throw args.error(a.at, "dribble rate must be at least 1B/s");
        }
        return dribble(rate);
    }

    private static long after(FaultArgs args, String name, String example) {
        FaultArgs.Arg a = args.get(0);
        if (args.size() > 1 || !"after".equals(a.key)) {
            throw args.error(args.size() > 1 ? args.get(1).at : a.at, name + " takes the body bytes before the"
                    + " failure as after=, e.g. " + example);
        }
        return size(args, a, a.value);
    }

    /** {@code 100}, {@code 100B}, {@code 4KB}, {@code 1MB} (1024-based) in bytes. */
    private static long size(FaultArgs args, FaultArgs.Arg a, String text) {
        String t = text.toUpperCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("KB")) {
            unit = 1024;
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("MB")) {
            unit = 1024 * 1024;
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("B")) {
            t = t.substring(0, t.length() - 1);
        }
        long n;
        try {
            n = t.isEmpty() || !Character.isDigit(t.charAt(0)) ? -1 : Long.parseLong(t);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0) {
            throw args.error(a.at, "'" + text + "' is not a size (a whole number of B, KB or MB, e.g. 512B or 4KB)");
        }
        if (n > LARGEST / unit) {
            throw args.error(a.at, "'" + text + "' is too large (at most 1 TB)");
        }
        return n * unit;
    }

    /** Body bytes delivered before the failure; -1 for a reset before the response (and for dribble). */
    public long afterBytes() {
        return afterBytes;
    }

    /** The dribble rate in bytes per second; 0 for reset and truncate. */
    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Bytes per dribbled chunk: a tenth of a second's worth, at least one. */
    public long chunkBytes() {
        return Math.max(1, bytesPerSecond / 10);
    }

    /** How long each dribbled chunk is held: its share of the rate. */
    public long chunkPauseNanos() {
        return bytesPerSecond == 0 ? 0 : chunkBytes() * 1_000_000_000L / bytesPerSecond;
    }

    /**
     * What a client that cannot wrap response bodies fails with: {@code java.net.SocketException: Connection reset}
     * for a reset, else an {@code IOException} naming the fault and the rule.
     */
    @Override
    Throwable perform(RuleRuntime rule, ClassLoader loader, String defaultClassName) {
        if (kind.equals("reset")) {
            return new java.net.SocketException("Connection reset");
        }
        return new java.io.IOException("chaos: " + toSpec() + " injected by rule " + rule.id
                + " (this client's response body cannot be wrapped)");
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    void validateFor(InjectionPoint point) {
        if (point != InjectionPoint.HTTP) {
            throw new IllegalArgumentException(toSpec() + " acts on HTTP response bodies: it only applies to the"
                    + " http point, not " + point.specName());
        }
    }

    @Override
    public String toSpec() {
        switch (kind) {
            case "dribble":
                return "dribble(rate=" + format(bytesPerSecond) + "/s)";
            case "reset":
                return afterBytes < 0 ? "reset" : "reset(after=" + format(afterBytes) + ")";
            default:
                return kind + "(after=" + format(afterBytes) + ")";
        }
    }

    private static String format(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + "MB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + "KB";
        }
        return bytes + "B";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ResponseBodyFault)) {
            return false;
        }
        ResponseBodyFault f = (ResponseBodyFault) o;
        return kind.equals(f.kind) && afterBytes == f.afterBytes && bytesPerSecond == f.bytesPerSecond;
    }

    @Override
    public int hashCode() {
        return (kind.hashCode() * 31 + Long.hashCode(afterBytes)) * 31 + Long.hashCode(bytesPerSecond);
    }
}
