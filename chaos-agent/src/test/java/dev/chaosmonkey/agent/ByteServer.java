package dev.chaosmonkey.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP server on 127.0.0.1 for the net tests: sends {@code size} bytes to every connection (0..255 repeating), or
 * counts what it receives, and records how each connection ended.
 */
final class ByteServer implements AutoCloseable {
    private final ServerSocket server;
    private final int size;
    final AtomicInteger received = new AtomicInteger();
    final AtomicReference<String> lastEnd = new AtomicReference<>();
    final AtomicInteger ended = new AtomicInteger();

    ByteServer(int size) throws IOException {
        this.size = size;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "byte-server-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "byte-server-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        String end = "eof";
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            if (size > 0) {
                byte[] all = new byte[size];
                for (int i = 0; i < size; i++) {
                    all[i] = (byte) i;
                }
                out.write(all);
                out.flush();
            }
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) != -1) {
                received.addAndGet(n);
            }
        } catch (IOException e) {
            end = String.valueOf(e.getMessage());
        }
        lastEnd.set(end);
        ended.incrementAndGet();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
