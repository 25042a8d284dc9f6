package dev.chaosmonkey.agent.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketException;

/**
 * A response-body fault decided for one {@code HttpURLConnection}: the stream {@code getInputStream()} returns is
 * wrapped once (the JDK returns the same stream on every call, so does this) and fails like the JDK's own stream:
 * {@code SocketException: Connection reset} for a reset, {@code IOException: Premature EOF} for a truncated chunked
 * body and, from JDK 24 on, a truncated fixed-length one (earlier JDKs just end such a body).
 */
final class UrlConnectionBody extends BodyEnd {
    private final FiredFault fault;
    private InputStream real;
    private InputStream wrapped;

    UrlConnectionBody(FiredFault fault) {
        this.fault = fault;
    }

    synchronized InputStream wrap(HttpURLConnection connection, InputStream body) {
        if (body == real) {
            return wrapped;
        }
        long length = connection.getContentLengthLong();
        boolean chunked = "chunked".equalsIgnoreCase(connection.getHeaderField("Transfer-Encoding"));
        BodyCut cut = BodyCut.of(fault, chunked ? -1 : length);
        real = body;
        wrapped = cut == null ? body : new BodyFaultStream(body, cut, this, chunked);
        return wrapped;
    }

    @Override
    public IOException failure(BodyCut cut, boolean chunked) {
        if (cut.resets()) {
            return new SocketException("Connection reset");
        }
        if (chunked || cut.declaredLength() >= 0 && jdkChecksContentLength()) {
            return new IOException("Premature EOF");
        }
        return null;
    }
}
