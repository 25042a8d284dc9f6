package dev.chaosmonkey.agent;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A small application for the net machinery test: connects to its own loopback server every 50 ms, sends a byte,
 * reads it back and prints {@code OK} or {@code FAIL <exception>}. Runs for at most two minutes.
 */
public final class NetTarget {
    private NetTarget() {
    }

    public static void main(String[] args) throws Exception {
        long end = System.nanoTime() + 120_000_000_000L;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread echo = new Thread(() -> {
                while (true) {
                    try (Socket s = server.accept()) {
                        int b = s.getInputStream().read();
                        s.getOutputStream().write(b);
                    } catch (Exception e) {
                        if (server.isClosed()) {
                            return;
                        }
                    }
                }
            }, "net-target-echo");
            echo.setDaemon(true);
            echo.start();
            while (System.nanoTime() < end) {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                    s.setSoTimeout(5_000);
                    s.getOutputStream().write(7);
                    InputStream in = s.getInputStream();
                    System.out.println(in.read() == 7 ? "OK" : "FAIL wrong echo");
                } catch (Exception e) {
                    System.out.println("FAIL " + e);
                }
                System.out.flush();
                Thread.sleep(50);
            }
        }
    }
}
