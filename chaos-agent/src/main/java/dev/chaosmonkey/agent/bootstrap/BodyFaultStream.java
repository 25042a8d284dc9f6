package dev.chaosmonkey.agent.bootstrap;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A real response body stream with a body fault applied: bytes up to the cut pass unchanged, then the stream fails
 * as the client's own stream does for a reset or a premature end (or just ends); a dribble reads a chunk at a time,
 * holding before each. Later reads repeat the failure. The real stream is closed at the cut, as a reset would.
 */
public final class BodyFaultStream extends FilterInputStream {
    private final BodyCut cut;
    private final BodyEnd end;
    private final boolean chunked;
    private IOException failure;
    private boolean ended;

    /** Wraps {@code body}; {@code chunked} when the response came with {@code Transfer-Encoding: chunked}. */
    public BodyFaultStream(InputStream body, BodyCut cut, BodyEnd end, boolean chunked) {
        super(body);
        this.cut = cut;
        this.end = end;
        this.chunked = chunked;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (failure != null) {
            throw failure;
        }
        if (ended) {
            return -1;
        }
        int allowed = cut.allow(len);
        if (allowed <= 0) {
            return cutHere();
        }
        int n = in.read(b, off, allowed);
        if (n > 0) {
            cut.delivered(n);
        }
        return n;
    }

    private int cutHere() throws IOException {
        // a body of unknown length may end right at the cut: then nothing is cut
        if (cut.declaredLength() < 0 && in.read() < 0) {
            ended = true;
            return -1;
        }
        IOException f = end.failure(cut, chunked);
        try {
            in.close();
        } catch (IOException | RuntimeException e) {
            // the connection is given up either way
        }
        if (f == null) {
            ended = true;
            return -1;
        }
        failure = (IOException) cut.label(f);
        throw failure;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        byte[] buffer = new byte[(int) Math.min(n, 8192)];
        int read = read(buffer, 0, buffer.length);
        return Math.max(read, 0);
    }

    @Override
    public int available() throws IOException {
        if (failure != null || ended) {
            return 0;
        }
        return (int) Math.min(in.available(), Math.max(0, Math.min(cut.room(), Integer.MAX_VALUE)));
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }
}
