package dev.chaosmonkey.agent;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import dev.chaosmonkey.core.ChaosMonkey;

/**
 * Started with a jdbc rule in the agent options, so the agent weaves at start without the {@code net} point: a
 * socket connects before any net rule ({@code BEFORE ...}), then a net rule armed by the application itself must
 * fault the next connect ({@code AFTER ...}), and a dns rule the next lookup ({@code DNS ...}).
 */
public final class LateNetRuleApp {
    private LateNetRuleApp() {
    }

    public static void main(String[] args) throws Exception {
        // the weaving for the options' jdbc rule runs in the background: wait until it is in
        javax.management.MBeanServer mbeans = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        javax.management.ObjectName agent = new javax.management.ObjectName("dev.chaosmonkey:type=ChaosAgent");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!(mbeans.isRegistered(agent) && Boolean.TRUE.equals(mbeans.getAttribute(agent, "Installed")))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        System.out.println("INSTALLED " + mbeans.getAttribute(agent, "Installed"));
        System.out.flush();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            System.out.println("BEFORE " + connect(server.getLocalPort()));
            System.out.flush();
            ChaosMonkey monkey = ChaosMonkey.global();
            monkey.arm("net port=" + server.getLocalPort() + " operation=connect -> exception");
            System.out.println("AFTER " + connect(server.getLocalPort()));
            System.out.flush();
            monkey.arm("dns host=localhost -> exception");
            try {
                InetAddress.getByName("localhost");
                System.out.println("DNS OK");
            } catch (Exception e) {
                System.out.println("DNS FAIL " + e.getClass().getName());
            }
        }
        System.out.println("DONE");
    }

    private static String connect(int port) {
        try (Socket s = new Socket()) {
            s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            return "OK";
        } catch (Exception e) {
            return "FAIL " + e.getClass().getName();
        }
    }
}
