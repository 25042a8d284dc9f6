package dev.chaosmonkey.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP/1.1 server on 127.0.0.1 that fails the way real servers and networks do, to compare injected body
 * faults with the real thing. {@code /<kind>/<framing>}: kind {@code full} (the whole {@link #BODY}), {@code trunc}
 * (100 bytes, then the connection is closed), {@code reset} (100 bytes, then a reset: SO_LINGER 0); framing
 * {@code fixed} (Content-Length), {@code chunked} (one chunk: a broken response ends inside it), {@code chunks}
 * (chunks of 100 bytes: a broken response ends between two) or {@code close} (no length: the body ends with the
 * connection).
 * {@code /reset/before} resets the connection before any response. Every response says {@code Connection: close}.
 */
final class BrokenHttpServer implements AutoCloseable {
    /** The whole body: 1000 bytes of letters. */
    static final byte[] BODY = body(1000);
    /** Bytes the broken responses send before failing. */
    static final int SENT = 100;

    private final ServerSocket server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "broken-http-server");
        t.setDaemon(true);
        return t;
    });

    BrokenHttpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        workers.execute(this::acceptLoop);
    }

    /** {@code http://127.0.0.1:<port>}. */
    String base() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private static byte[] body(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                workers.execute(() -> serve(s));
            } catch (IOException e) {
                // closed
            }
        }
    }

    private static void serve(Socket s) {
        try (s) {
            String path = readRequestPath(s.getInputStream());
            OutputStream out = s.getOutputStream();
            if (path.equals("/reset/before")) {
                s.setSoLinger(true, 0);
                return;
            }
            String[] parts = path.split("/");
            String kind = parts[1];
            String framing = parts[2];
            int bytes = kind.equals("full") ? BODY.length : SENT;
            StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                    + "Connection: close\r\n");
            if (framing.equals("fixed")) {
                head.append("Content-Length: ").append(BODY.length).append("\r\n");
            } else if (framing.startsWith("chunk")) {
                head.append("Transfer-Encoding: chunked\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            if (framing.equals("chunks")) {
                // chunks of 100 bytes: a broken response ends right after its first chunk
                for (int at = 0; at < bytes; at += SENT) {
                    out.write((Integer.toHexString(SENT) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(BODY, at, SENT);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                if (kind.equals("full")) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                bytes = 0;
            }
            if (framing.equals("chunked")) {
                out.write((Integer.toHexString(BODY.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write(BODY, 0, bytes);
            if (framing.equals("chunked") && kind.equals("full")) {
                out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            if (kind.equals("reset")) {
                // the client reads the 100 bytes before the reset arrives (a reset may discard unread data)
                TimeUnit.MILLISECONDS.sleep(300);
                s.setSoLinger(true, 0);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the client went away
        }
    }

    private static String readRequestPath(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n' && line.length() < 4096) {
            line.append((char) c);
        }
        int ends = 0;
        int previous = '\n';
        int read = 0;
        while (ends < 1 && (c = in.read()) >= 0 && read++ < 65536) {
            if (c == '\n' && previous == '\n') {
                ends++;
            }
            if (c != '\r') {
                previous = c;
            }
        }
        String[] words = line.toString().trim().split(" ");
        return words.length > 1 ? words[1] : "/";
    }

    @Override
    public void close() throws IOException {
        server.close();
        workers.shutdownNow();
    }
}
