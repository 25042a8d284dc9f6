package dev.chaosmonkey.agent;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small Redis server for the net tests (RESP2 over a real socket on 127.0.0.1): PING, GET, SET, and +OK for the
 * set-up commands clients send on connect. Counts connections and the ones that ended with a reset.
 */
final class RespServer implements AutoCloseable {
    private final ServerSocket server;
    private final Map<String, byte[]> data = new ConcurrentHashMap<>();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger resets = new AtomicInteger();
    final AtomicInteger commands = new AtomicInteger();
    private final Thread acceptor;

    RespServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "resp-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void put(String key, byte[] value) {
        data.put(key, value);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "resp-server-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            while (true) {
                List<String> command = readCommand(in);
                if (command == null) {
                    return;
                }
                commands.incrementAndGet();
                out.write(answer(command));
                out.flush();
            }
        } catch (java.net.SocketException e) {
            if (String.valueOf(e.getMessage()).contains("reset")) {
                resets.incrementAndGet();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private byte[] answer(List<String> command) {
        String name = command.get(0).toUpperCase(java.util.Locale.ROOT);
        switch (name) {
            case "PING":
                return "+PONG\r\n".getBytes(StandardCharsets.US_ASCII);
            case "SET":
                data.put(command.get(1), command.get(2).getBytes(StandardCharsets.UTF_8));
                return "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
            case "GET": {
                byte[] v = data.get(command.get(1));
                if (v == null) {
                    return "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
                }
                byte[] head = ("$" + v.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
                byte[] all = new byte[head.length + v.length + 2];
                System.arraycopy(head, 0, all, 0, head.length);
                System.arraycopy(v, 0, all, head.length, v.length);
                all[all.length - 2] = '\r';
                all[all.length - 1] = '\n';
                return all;
            }
            default:
                return "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** One RESP array of bulk strings, or {@code null} at the end of the stream. */
    private static List<String> readCommand(InputStream in) throws IOException {
        String header = line(in);
        if (header == null) {
            return null;
        }
        if (header.charAt(0) != '*') {
            throw new IOException("not a RESP array: " + header);
        }
        int n = Integer.parseInt(header.substring(1));
        List<String> parts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String len = line(in);
            byte[] b = in.readNBytes(Integer.parseInt(len.substring(1)));
            line(in);
            parts.add(new String(b, StandardCharsets.UTF_8));
        }
        return parts;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read();
                return sb.toString();
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
