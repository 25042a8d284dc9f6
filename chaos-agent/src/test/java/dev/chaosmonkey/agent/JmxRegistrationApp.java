package dev.chaosmonkey.agent;

import java.lang.management.ManagementFactory;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

/**
 * Started with the agent and nothing armed. {@code touch}: stays away from JMX for a second (the agent's background
 * thread runs meanwhile), prints {@code TOUCHING}, creates the platform MBean server and waits (at most 30 s) for
 * the agent's and the chaos state's MBeans. {@code wait}: never touches JMX itself, waits for some MBean server to
 * appear, then for the MBeans. Prints {@code REGISTERED} when both are there, else {@code MISSING}.
 */
public final class JmxRegistrationApp {
    private JmxRegistrationApp() {
    }

    public static void main(String[] args) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        if (args[0].equals("touch")) {
            // not synchronisation: a window in which an agent that registers eagerly would create the server
            Thread.sleep(1000);
            System.out.println("TOUCHING");
        } else {
            while (MBeanServerFactory.findMBeanServer(null).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName agent = new ObjectName("dev.chaosmonkey:type=ChaosAgent");
        ObjectName chaos = new ObjectName("dev.chaosmonkey:type=ChaosMonkey");
        while (!(server.isRegistered(agent) && server.isRegistered(chaos)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        System.out.println(server.isRegistered(agent) && server.isRegistered(chaos) ? "REGISTERED" : "MISSING");
    }
}
